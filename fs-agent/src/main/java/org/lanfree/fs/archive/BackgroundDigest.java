package org.lanfree.fs.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A SHA-256 computed on its own thread while the caller reads the next buffer: hashing costs as
 * much as reading, so doing both at once keeps a backup near the disk's speed. At most one update
 * is in flight; each call waits for the one before, so a buffer handed to {@link #update} may be
 * reused once the following call has returned (callers alternate two buffers).
 */
final class BackgroundDigest implements AutoCloseable {

    private static final byte[] ZEROS = new byte[64 * 1024];

    private final MessageDigest sha;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lanfree-sha256");
        t.setDaemon(true);
        return t;
    });
    private Future<?> inFlight;

    BackgroundDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    void reset() {
        await();
        sha.reset();
    }

    /** Hashes {@code length} bytes of {@code buffer} in the background. */
    void update(byte[] buffer, int length) {
        await();
        inFlight = worker.submit(() -> sha.update(buffer, 0, length));
    }

    /** Hashes {@code n} zero bytes (a hole) in the background. */
    void zeros(long n) {
        if (n <= 0) {
            return;
        }
        await();
        inFlight = worker.submit(() -> {
            for (long left = n; left > 0; left -= ZEROS.length) {
                sha.update(ZEROS, 0, (int) Math.min(left, ZEROS.length));
            }
        });
    }

    byte[] digest() {
        await();
        return sha.digest();
    }

    private void await() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing failed", e.getCause());
        } finally {
            inFlight = null;
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
