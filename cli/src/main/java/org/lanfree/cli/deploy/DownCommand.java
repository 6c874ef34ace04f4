package org.lanfree.cli.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.CommandFailure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree down}: stop every daemon of the deployment, last started first. */
@Command(name = "down", description = {
        "Stop the daemons of the deployment in DIR: SIGTERM, then SIGKILL after the grace period.",
        "Removes their pid files. Harmless when nothing runs."})
public final class DownCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "How long each daemon may take to stop cleanly before it is killed (default: ${DEFAULT-VALUE}).")
    int graceSeconds;

    @Spec
    CommandSpec command;

    private final List<DaemonSpec> daemons;

    public DownCommand(List<DaemonSpec> daemons) {
        this.daemons = List.copyOf(daemons);
    }

    @Override
    public Integer call() {
        Home home = homeOption.home();
        PrintWriter out = command.commandLine().getOut();
        if (!Files.isDirectory(home.runDir())) {
            out.println("nothing was running in " + home + " (it has no run/ folder)");
            return 0;
        }
        Deployment deployment = new Deployment(home, daemons);
        DaemonStopper stopper = new DaemonStopper(Duration.ofSeconds(graceSeconds));
        int stopped = 0;
        try (HomeLock _ = HomeLock.acquire(home)) {
            for (DaemonSpec daemon : daemons.reversed()) {
                if (stop(deployment, stopper, deployment.state(daemon), out)) {
                    stopped++;
                }
            }
        }
        out.println(stopped == 0 ? "nothing was running in " + home : "deployment " + home + " is down");
        return 0;
    }

    private boolean stop(Deployment deployment, DaemonStopper stopper, DaemonState state, PrintWriter out) {
        if (state.stale()) {
            removePidFile(deployment, state);
            out.println(state.name() + ": was not running (removed a stale pid file naming pid " + state.pid() + ")");
            return false;
        }
        if (!state.running()) {
            return false;
        }
        DaemonStopper.Outcome outcome = stopper.stop(state.process());
        if (outcome == DaemonStopper.Outcome.SURVIVED) {
            throw CommandFailure.failed(state.name() + " (pid " + state.pid() + ") is still alive after SIGTERM and "
                    + "SIGKILL. HINT: is it another user's process? check with 'ps -p " + state.pid() + "'");
        }
        removePidFile(deployment, state);
        out.println(outcome == DaemonStopper.Outcome.STOPPED
                ? state.name() + ": stopped (pid " + state.pid() + ")"
                : state.name() + ": killed (pid " + state.pid() + ") after it ignored SIGTERM for "
                        + graceSeconds + " s");
        out.flush();
        return true;
    }

    private static void removePidFile(Deployment deployment, DaemonState state) {
        try {
            deployment.pidFile(state.spec()).delete();
        } catch (IOException e) {
            throw CommandFailure.failed("cannot remove the pid file " + deployment.home().pidFile(state.name())
                    + ": " + e.getMessage() + ". HINT: remove it by hand", e);
        }
    }
}
