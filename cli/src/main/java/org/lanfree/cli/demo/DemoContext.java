package org.lanfree.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.lanfree.array.config.ArrayConfig;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.array.config.ConfigException;
import org.lanfree.cli.arraysim.ArraySimDaemon;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.DaemonSpec;
import org.lanfree.cli.deploy.Home;
import org.lanfree.connect.auth.SharedSecret;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;

/**
 * What the steps of the demo share: the deployment's home and daemons, how much each backup
 * moves, the secret the demo's hosts share, the narration and the JSON summary.
 */
public final class DemoContext {

    private static final String INDENT = "   ";

    private final Home home;
    private final boolean removeHome;
    private final List<DaemonSpec> daemons;
    private final long bytes;
    private final PrintWriter out;
    private final boolean json;
    private final ObjectNode summary = Json.object();
    private final SharedSecret peerSecret;
    private boolean failed;

    DemoContext(Home home, boolean removeHome, List<DaemonSpec> daemons, long bytes, PrintWriter out, boolean json) {
        this.home = home;
        this.removeHome = removeHome;
        this.daemons = List.copyOf(daemons);
        this.bytes = bytes;
        this.out = out;
        this.json = json;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.peerSecret = SharedSecret.of(secret);
    }

    /** Tells the operator one line of the current step; nothing with --json. */
    void say(String line) {
        if (!json) {
            out.println(line.isBlank() ? "" : INDENT + line);
            out.flush();
        }
    }

    /** Tells every line of {@code text}, e.g. what another command printed. */
    void sayLines(String text) {
        text.strip().lines().forEach(this::say);
    }

    Home home() {
        return home;
    }

    /** Whether the home goes at the end: a temporary one, without --keep, after a success. */
    boolean removesHome() {
        return removeHome && !failed;
    }

    void markFailed() {
        failed = true;
    }

    List<DaemonSpec> daemons() {
        return daemons;
    }

    long bytes() {
        return bytes;
    }

    /** The secret the demo's hosts share (random, this run only). */
    SharedSecret peerSecret() {
        return peerSecret;
    }

    ObjectNode summary() {
        return summary;
    }

    /** The array's configuration in the home, as PrepareHome wrote it. */
    ArrayConfig arrayConfig() {
        try {
            return ArrayConfigReader.read(home.file(ArraySimDaemon.CONFIG_FILE));
        } catch (ConfigException e) {
            throw CommandFailure.failed("the demo's array configuration " + home.file(ArraySimDaemon.CONFIG_FILE)
                    + " is invalid: " + e.getMessage(), e);
        }
    }

    /** The shared-memory channel, {@code unix:PATH}. */
    String unixChannel() {
        return "unix:" + arrayConfig().unixSocket();
    }

    /** The TCP channel, {@code tcp:HOST:PORT}. */
    String tcpChannel() {
        return "tcp:" + arrayConfig().tcpChannel();
    }

    /** The secret every host proves to the array when it attaches. */
    SharedSecret channelSecret() {
        try {
            return arrayConfig().channelSecret();
        } catch (IOException e) {
            throw CommandFailure.failed("cannot read the array's channel secret: " + e.getMessage(), e);
        }
    }

    /**
     * Runs another command of the command line (e.g. {@code up}) with {@code args} and returns what
     * it printed; its failure is rethrown as it was raised.
     */
    static String execute(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        StringWriter text = new StringWriter();
        cli.setOut(new PrintWriter(text, true));
        cli.setErr(new PrintWriter(text, true));
        List<RuntimeException> raised = new ArrayList<>();
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            raised.add(e instanceof RuntimeException r ? r
                    : CommandFailure.failed(commandLine.getCommandName() + " failed: " + e, e));
            return CommandFailure.FAILED;
        });
        int code = cli.execute(args);
        if (!raised.isEmpty()) {
            throw raised.getFirst();
        }
        if (code != 0) {
            throw CommandFailure.failed(cli.getCommandName() + " " + String.join(" ", args) + " exited with " + code
                    + ":\n" + text);
        }
        return text.toString();
    }
}
