package org.lanfree.fs.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SHA-256s of archived files computed on their own threads while the caller reads and writes the
 * next pieces: hashing costs more than reading from the page cache and writing to a pipe, so it
 * must not be on the writer's thread, and one file's hash cannot be split, so each file goes to
 * one of {@link #THREADS} hashing lanes (each hashes its files one after another, with one
 * digest). Data travels in a fixed set of {@link #PIECES} heap pieces of {@link #PIECE} bytes:
 * the caller fills one it {@link #take}s, hands it to the file's {@link FileDigest} and writes it
 * to the archive (both only read it), and it comes back free once hashed. When all are being
 * hashed {@link #take} waits: memory stays fixed and the writer cannot run ahead of the hashing.
 */
final class ParallelDigests implements AutoCloseable {

    static final int PIECE = 256 * 1024;
    static final int PIECES = 8;
    static final int THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    private static final byte[] ZEROS = new byte[64 * 1024];

    /** A hashing thread, its digest, and the bytes handed to it not hashed yet. */
    private record Lane(ExecutorService thread, MessageDigest sha, AtomicLong queued) {
    }

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(PIECES);
    private final Lane[] lanes = new Lane[THREADS];
    private final MessageDigest here = newSha256();
    private int turn;

    ParallelDigests() {
        for (int i = 0; i < PIECES; i++) {
            free.add(new byte[PIECE]);
        }
        for (int i = 0; i < THREADS; i++) {
            int n = i;
            lanes[i] = new Lane(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "lanfree-sha256-" + n);
                t.setDaemon(true);
                return t;
            }), newSha256(), new AtomicLong());
        }
    }

    /** A free piece, waiting while every piece is being hashed. */
    byte[] take() {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the hashing threads", e);
        }
    }

    /** Gives back a piece taken but not handed to a digest. */
    void give(byte[] piece) {
        free.add(piece);
    }

    /** The digest of the next file, on the lane with the least left to hash (the next in turn on a tie). */
    FileDigest start() {
        Lane best = null;
        for (int i = 0; i < lanes.length; i++) {
            Lane lane = lanes[(turn + i) % lanes.length];
            if (best == null || lane.queued.get() < best.queued.get()) {
                best = lane;
            }
        }
        turn = (turn + 1) % lanes.length;
        return new FileDigest(best);
    }

    /**
     * The SHA-256 of a small file's {@code length} bytes, on the caller's thread: handing a few
     * KiB to another thread (waking it, a future) costs more than hashing them.
     */
    CompletableFuture<byte[]> hereAndNow(byte[] data, int length) {
        here.update(data, 0, length);
        return CompletableFuture.completedFuture(here.digest());
    }

    /** One file's SHA-256: its updates run in order on its lane. */
    final class FileDigest {
        private final Lane lane;

        private FileDigest(Lane lane) {
            this.lane = lane;
        }

        /** Hashes the first {@code length} bytes of {@code piece}, then frees the piece. */
        void update(byte[] piece, int length) {
            lane.queued.addAndGet(length);
            lane.thread.execute(() -> {
                try {
                    lane.sha.update(piece, 0, length);
                } finally {
                    lane.queued.addAndGet(-length);
                    free.add(piece);
                }
            });
        }

        /** Hashes {@code n} zero bytes: a hole, or the zeros standing for data a file lost while read. */
        void zeros(long n) {
            if (n <= 0) {
                return;
            }
            lane.thread.execute(() -> {
                for (long left = n; left > 0; left -= ZEROS.length) {
                    lane.sha.update(ZEROS, 0, (int) Math.min(left, ZEROS.length));
                }
            });
        }

        /** The digest, once every update before this call is hashed. */
        CompletableFuture<byte[]> finish() {
            return CompletableFuture.supplyAsync(lane.sha::digest, lane.thread);
        }
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** Stops the lanes, waiting for what they were hashing. */
    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.thread.shutdownNow();
        }
        for (Lane lane : lanes) {
            try {
                lane.thread.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
