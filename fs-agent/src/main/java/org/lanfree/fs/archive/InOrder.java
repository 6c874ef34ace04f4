package org.lanfree.fs.archive;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * What a backup reports per object (checksum lines, the listener's calls), kept in archive order
 * while files' SHA-256s are still being computed: an event runs once its digest and every event
 * before it are done. At most {@link #LIMIT} wait, so memory stays fixed. Runs on the caller's
 * thread only.
 */
final class InOrder {

    static final int LIMIT = 1024;

    private record Pending(CompletableFuture<byte[]> digest, Consumer<byte[]> action) {
    }

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Runnable beforeWaiting;

    /** {@code beforeWaiting} runs before waiting for a digest: it hands over digests the caller still holds back. */
    InOrder(Runnable beforeWaiting) {
        this.beforeWaiting = beforeWaiting;
    }

    /** Runs {@code action} with the digest (null when there is none) after the events added before. */
    void add(CompletableFuture<byte[]> digest, Consumer<byte[]> action) {
        queue.add(new Pending(digest, action));
        while (!queue.isEmpty() && (queue.size() > LIMIT || done(queue.peek()))) {
            run(queue.poll());
        }
    }

    /** Runs every event left, waiting for their digests. */
    void finish() {
        while (!queue.isEmpty()) {
            run(queue.poll());
        }
    }

    private static boolean done(Pending p) {
        return p.digest == null || p.digest.isDone();
    }

    private void run(Pending p) {
        byte[] digest = null;
        if (p.digest != null) {
            if (!p.digest.isDone()) {
                beforeWaiting.run();
            }
            try {
                digest = p.digest.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a file's SHA-256", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("hashing a file failed", e.getCause());
            }
        }
        p.action.accept(digest);
    }
}
