package org.lanfree.cli.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.lanfree.cli.console.CommandFailure;

/**
 * Starts one daemon in the background (output appended to its log, pid in its pid file) and
 * returns once its readiness probe answers; if it dies or stays silent past the timeout, the
 * failure quotes what it wrote to the log.
 */
final class DaemonLauncher {

    private static final long POLL_MILLIS = 100;
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Deployment deployment;
    private final Duration timeout;

    DaemonLauncher(Deployment deployment, Duration timeout) {
        this.deployment = deployment;
        this.timeout = timeout;
    }

    /** Starts {@code spec}'s daemon and returns its pid once it answers. */
    long start(DaemonSpec spec) {
        Home home = deployment.home();
        Path log = home.log(spec.name());
        var command = DaemonCommand.build(spec, home);
        long offset;
        try {
            Files.writeString(log, "--- " + Instant.now() + " lanfree up starts " + spec.name() + ": "
                    + String.join(" ", command) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            offset = LogTail.size(log);
        } catch (IOException e) {
            throw CommandFailure.failed("cannot start " + spec.name() + ": cannot write its log " + log + " ("
                    + e + "). HINT: check that " + home.logsDir() + " exists and is writable", e);
        }
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(home.dir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw CommandFailure.failed("cannot start " + spec.name() + " with " + command.getFirst() + ": "
                    + e.getMessage() + ". HINT: check that the JDK running lanfree is intact", e);
        }
        PidFile pidFile = deployment.pidFile(spec);
        try {
            pidFile.write(process.pid());
        } catch (IOException e) {
            process.destroyForcibly();
            throw CommandFailure.failed("started " + spec.name() + " but cannot write its pid file "
                    + pidFile.path() + ": " + e.getMessage() + "; stopped it again. HINT: check that "
                    + home.runDir() + " is writable", e);
        }
        awaitReady(spec, process, pidFile, log, offset);
        return process.pid();
    }

    private void awaitReady(DaemonSpec spec, Process process, PidFile pidFile, Path log, long offset) {
        Home home = deployment.home();
        String where = spec.endpoints(home).address();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                deleteQuietly(pidFile);
                throw CommandFailure.failed(spec.name() + " exited with code " + process.exitValue()
                        + " before it answered at " + where + "; last lines of " + log + ":\n"
                        + LogTail.since(log, offset)
                        + "\nHINT: fix the cause above, then run 'lanfree up --home " + home + "' again");
            }
            if (spec.answers(home)) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                stop(process);
                deleteQuietly(pidFile);
                throw CommandFailure.failed(spec.name() + " (pid " + process.pid() + ") did not answer at " + where
                        + " within " + timeout.toSeconds() + " s, so it was stopped; last lines of " + log + ":\n"
                        + LogTail.since(log, offset)
                        + "\nHINT: read the log; on a slow machine raise --timeout");
            }
            waitForExit(process);
        }
    }

    /** Waits one poll interval, returning early when the process exits. */
    private static void waitForExit(Process process) {
        try {
            process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw CommandFailure.failed("interrupted while waiting for pid " + process.pid() + " to answer; stopped it");
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void deleteQuietly(PidFile pidFile) {
        try {
            pidFile.delete();
        } catch (IOException e) {
            // The failure being reported matters more; a leftover pid file is detected as stale.
        }
    }
}
