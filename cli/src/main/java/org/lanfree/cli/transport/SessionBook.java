package org.lanfree.cli.transport;

/**
 * The sessions a listening role has finished and how they ended. The main thread waits in
 * {@link #awaitLast} until as many sessions as the operator asked for are over (0: never).
 */
final class SessionBook {

    private final int limit;
    private int finished;
    private int failed;

    /** A book that ends after {@code limit} sessions; 0 for no end. */
    SessionBook(int limit) {
        this.limit = limit;
    }

    synchronized void record(boolean ok) {
        finished++;
        if (!ok) {
            failed++;
        }
        notifyAll();
    }

    /** Waits until the last session asked for is over. */
    synchronized void awaitLast() throws InterruptedException {
        while (limit == 0 || finished < limit) {
            wait();
        }
    }

    synchronized int finished() {
        return finished;
    }

    synchronized int failed() {
        return failed;
    }
}
