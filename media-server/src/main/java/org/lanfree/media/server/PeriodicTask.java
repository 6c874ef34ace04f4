package org.lanfree.media.server;

import java.time.Duration;

/**
 * Runs a step every {@code period} on a virtual thread until closed. Closing wakes the thread
 * instead of interrupting it: an interrupt would close the file channels under a step that is
 * writing (the VTL's, the catalog's), so a running step finishes first.
 */
final class PeriodicTask implements AutoCloseable {

    private final Object wake = new Object();
    private final Thread thread;
    private volatile boolean stopping;

    PeriodicTask(String name, Duration period, Runnable step) {
        this.thread = Thread.ofVirtual().name(name).unstarted(() -> loop(period, step));
    }

    PeriodicTask start() {
        thread.start();
        return this;
    }

    private void loop(Duration period, Runnable step) {
        while (!stopping) {
            synchronized (wake) {
                try {
                    wake.wait(period.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!stopping) {
                step.run();
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
