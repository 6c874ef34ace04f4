package org.lanfree.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lanfree.array.config.ConfigException;
import org.lanfree.array.config.Sizes;
import org.lanfree.cli.arraysim.ArraySimDaemon;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.DaemonSpec;
import org.lanfree.cli.deploy.Home;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree demo}: runs the {@link Story} step by step and tells what happens. */
@Command(name = "demo", sortOptions = false,
        header = "Run the LAN-free backup story on this machine, step by step.",
        description = {
            "Creates a deployment in a temporary home, starts the storage array, then runs both handshakes for "
                    + "real: the media server calls a file agent (file-system flow) and a database agent calls the "
                    + "media server (database flow). Each moves test data through the array, checked by CRC32C per "
                    + "frame and SHA-256 on both ends. Shows the array's status, stops it and removes the home.",
            "Exit codes: 0 every step succeeded and every digest matched, 1 a step failed (the home is kept for "
                    + "its logs), 2 bad usage."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--home", paramLabel = "DIR",
            description = "Use DIR (new or empty; kept afterwards) instead of a temporary home under /tmp.")
    Path homeDir;

    @Option(names = "--keep", description = "Keep the temporary home afterwards (configuration, secret, logs).")
    boolean keep;

    @Option(names = "--bytes", paramLabel = "SIZE", defaultValue = "256M",
            description = "How much each backup moves through the array (default: ${DEFAULT-VALUE}).")
    String bytesText;

    @Option(names = "--json", description = "Print one summary object at the end instead of the story.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final List<DaemonSpec> daemons;

    public DemoCommand(List<DaemonSpec> daemons) {
        this.daemons = List.copyOf(daemons);
    }

    @Override
    public Integer call() throws IOException {
        long bytes = bytes();
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = homeDir == null;
        Home home = temporary ? Home.of(Files.createTempDirectory(Path.of("/tmp"), "lf-demo-")) : givenHome();
        DemoContext context = new DemoContext(home, temporary && !keep, daemons, bytes, out, json);
        if (!json) {
            out.println("lanfree demo: a LAN-free backup on this machine. Control travels over the LAN (TCP);");
            out.println("the data goes through the storage array (STP), checked by CRC32C and SHA-256.");
        }
        long start = System.nanoTime();
        Exception failure = run(context, Story.steps(), null, true);
        failure = run(context, Story.cleanup(), failure, false);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure != null) {
            throw failure instanceof CommandFailure f ? f
                    : CommandFailure.failed("the demo failed: " + failure + ". HINT: read " + home.dir()
                            + "/logs/array-sim.log", failure);
        }
        ObjectNode summary = context.summary();
        summary.put("ok", true);
        summary.put("seconds", Math.round(seconds * 10) / 10.0);
        if (json) {
            out.println(Json.pretty(summary));
        } else {
            out.printf(Locale.ROOT, "%nEvery backup went through the array and both ends agree on every digest (%.1f s).%n",
                    seconds);
        }
        out.flush();
        return 0;
    }

    /**
     * Runs {@code steps}, numbered on from the steps already run, after an {@code earlier}
     * failure or none. With {@code stopOnFailure} nothing runs once a step has failed; without
     * it (cleanup) every step runs. Returns the first failure, later ones suppressed in it.
     */
    private Exception run(DemoContext context, List<DemoStep> steps, Exception earlier, boolean stopOnFailure) {
        Exception failure = earlier;
        ArrayNode record = context.summary().withArray("steps");
        for (DemoStep step : steps) {
            if (failure != null && stopOnFailure) {
                break;
            }
            int number = record.size() + 1;
            if (!json) {
                spec.commandLine().getOut().printf("%n%d. %s%n", number, step.title());
            }
            long t0 = System.nanoTime();
            ObjectNode entry = record.addObject().put("step", number).put("title", step.title());
            try {
                step.run(context);
                entry.put("ok", true);
            } catch (Exception e) {
                entry.put("ok", false).put("error", String.valueOf(e.getMessage()));
                context.markFailed();
                context.sayLines("FAILED: " + e.getMessage());
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            entry.put("seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        }
        return failure;
    }

    private long bytes() {
        try {
            long bytes = Sizes.parse("--bytes", bytesText);
            if (bytes < 1) {
                throw CommandFailure.usage("--bytes " + bytesText + " moves nothing; give at least 1 byte, e.g. 256M");
            }
            return bytes;
        } catch (ConfigException e) {
            throw CommandFailure.usage("--bytes '" + bytesText + "' is not a size; write e.g. 256M or 1G");
        }
    }

    private Home givenHome() throws IOException {
        Home home = Home.of(homeDir);
        if (Files.exists(home.file(ArraySimDaemon.CONFIG_FILE))) {
            throw CommandFailure.usage("--home " + home + " already holds a deployment (" + ArraySimDaemon.CONFIG_FILE
                    + "); the demo needs a folder of its own. HINT: give a new folder, or leave --home out for a"
                    + " temporary one");
        }
        Files.createDirectories(home.dir());
        return home;
    }
}
