package org.lanfree.cli.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.CommandFailure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree up}: configure when needed, start every daemon, return when all answer. */
@Command(name = "up", description = {
        "Start the local deployment in DIR and return when every daemon answers.",
        "Writes a default configuration for each daemon that has none, then starts the daemons "
                + "in the background (logs in DIR/logs, pid files in DIR/run). Daemons already "
                + "running are left alone."})
public final class UpCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long each daemon may take to answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    CommandSpec command;

    private final List<DaemonSpec> daemons;

    public UpCommand(List<DaemonSpec> daemons) {
        this.daemons = List.copyOf(daemons);
    }

    @Override
    public Integer call() {
        if (timeoutSeconds < 1) {
            throw CommandFailure.usage("--timeout " + timeoutSeconds + " is too short. HINT: give at least 1 second");
        }
        Home home = homeOption.home();
        PrintWriter out = command.commandLine().getOut();
        Deployment deployment = new Deployment(home, daemons);
        try {
            home.createLayout();
        } catch (IOException e) {
            throw CommandFailure.failed("cannot create the deployment folders " + home.runDir() + " and "
                    + home.logsDir() + ": " + e + ". HINT: check that " + home.dir().getParent() + " is writable", e);
        }
        try (HomeLock _ = HomeLock.acquire(home)) {
            prepare(home, out);
            DaemonLauncher launcher = new DaemonLauncher(deployment, Duration.ofSeconds(timeoutSeconds));
            int started = 0;
            for (DaemonSpec daemon : daemons) {
                try {
                    if (startUnlessRunning(deployment, launcher, daemon, out)) {
                        started++;
                    }
                    daemon.afterStart(home);
                } catch (CommandFailure f) {
                    throw withRunningNote(f, deployment);
                }
            }
            out.println(started == 0 ? "deployment " + home + " was already up" : "deployment " + home + " is up");
        }
        return 0;
    }

    /** Adds to a failure which daemons still run, so the operator knows what to stop. */
    private static CommandFailure withRunningNote(CommandFailure failure, Deployment deployment) {
        List<String> running = deployment.states().stream().filter(DaemonState::running)
                .map(s -> s.name() + " (pid " + s.pid() + ")").toList();
        if (running.isEmpty()) {
            return failure;
        }
        return CommandFailure.failed(failure.getMessage() + "\nStill running: " + String.join(", ", running)
                + "; 'lanfree down --home " + deployment.home() + "' stops them.", failure);
    }

    /** Writes missing configurations and checks them all before starting any daemon. */
    private void prepare(Home home, PrintWriter out) {
        for (DaemonSpec daemon : daemons) {
            Path config = home.file(daemon.configFile());
            if (!Files.exists(config)) {
                try {
                    daemon.writeDefaultConfig(home);
                } catch (IOException e) {
                    throw CommandFailure.failed("cannot write the default configuration " + config + ": "
                            + e.getMessage() + ". HINT: check that " + home + " is writable", e);
                }
                out.println("wrote the default configuration " + config);
            }
        }
        for (DaemonSpec daemon : daemons) {
            daemon.checkConfig(home);
        }
    }

    private static boolean startUnlessRunning(Deployment deployment, DaemonLauncher launcher, DaemonSpec daemon,
                                              PrintWriter out) {
        Home home = deployment.home();
        DaemonState state = deployment.state(daemon);
        if (state.running()) {
            out.println(daemon.name() + ": already running (pid " + state.pid() + ")");
            return false;
        }
        String where = state.endpoints().address();
        if (state.stale()) {
            try {
                deployment.pidFile(daemon).delete();
            } catch (IOException e) {
                throw CommandFailure.failed("cannot remove the stale pid file " + home.pidFile(daemon.name())
                        + ": " + e.getMessage() + ". HINT: remove it by hand", e);
            }
        }
        if (daemon.answers(home)) {
            throw CommandFailure.failed(daemon.name() + " already answers at " + where + " but no pid file in "
                    + home.runDir() + " names a live process. HINT: a copy was started by hand; stop it, or "
                    + "use another --home");
        }
        long pid = launcher.start(daemon);
        out.println(daemon.name() + ": started (pid " + pid + "), answering at " + where + "; log "
                + home.log(daemon.name()));
        out.flush();
        return true;
    }
}
