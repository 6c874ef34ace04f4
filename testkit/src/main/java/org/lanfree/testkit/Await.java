package org.lanfree.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition by polling it until a deadline: tests wait on what they need, never on a
 * fixed sleep. A timeout fails with {@link AssertionError} naming what was awaited.
 */
public final class Await {

    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails after {@code timeout}. */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        until(() -> condition.getAsBoolean() ? Boolean.TRUE : null, timeout, what);
    }

    /**
     * Polls {@code probe} until it returns a value that is neither null nor {@code false}, and
     * returns that value. An exception from the probe counts as "not yet"; the last one becomes
     * the cause of the timeout.
     */
    public static <T> T until(Callable<T> probe, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                T value = probe.call();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                String cause = last == null ? "" : "; last failure: " + last;
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: "
                        + what + cause, last);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }
}
