package org.lanfree.cli.deploy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a running daemon: SIGTERM, a grace period for a clean stop, then SIGKILL. */
final class DaemonStopper {

    /** How a daemon ended. */
    enum Outcome {
        /** It stopped on SIGTERM within the grace period. */
        STOPPED,
        /** It ignored SIGTERM and was killed. */
        KILLED,
        /** It was still there even after SIGKILL (e.g. another user's process). */
        SURVIVED
    }

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final Duration grace;

    DaemonStopper(Duration grace) {
        this.grace = grace;
    }

    Outcome stop(ProcessHandle process) {
        process.destroy();
        if (awaitExit(process, grace)) {
            return Outcome.STOPPED;
        }
        process.destroyForcibly();
        return awaitExit(process, KILL_WAIT) ? Outcome.KILLED : Outcome.SURVIVED;
    }

    private static boolean awaitExit(ProcessHandle process, Duration limit) {
        try {
            process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
