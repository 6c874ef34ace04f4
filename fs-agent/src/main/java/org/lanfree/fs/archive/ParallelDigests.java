package org.lanfree.fs.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
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
 * Files up to {@link #SMALL} share pieces and are handed over a batch at a time.
 */
final class ParallelDigests implements AutoCloseable {

    static final int PIECE = 256 * 1024;
    static final int PIECES = 8;
    static final int THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    /** The largest file hashed in a batch, and the most files a batch holds. */
    static final int SMALL = 64 * 1024;
    private static final int BATCH_FILES = 64;
    private static final byte[] ZEROS = new byte[64 * 1024];

    /** A hashing thread, its digest, and the bytes handed to it not hashed yet. */
    private record Lane(ExecutorService thread, MessageDigest sha, AtomicLong queued) {
    }

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(PIECES);
    private final Lane[] lanes = new Lane[THREADS];
    private final List<Small> batchFiles = new ArrayList<>();
    private byte[] batch;
    private int batchUsed;
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

    /** The digest of the next file, on the lane with the least left to hash. */
    FileDigest start() {
        return new FileDigest(leastLoaded());
    }

    /** The lane with the least left to hash (the next in turn on a tie). */
    private Lane leastLoaded() {
        Lane best = null;
        for (int i = 0; i < lanes.length; i++) {
            Lane lane = lanes[(turn + i) % lanes.length];
            if (best == null || lane.queued.get() < best.queued.get()) {
                best = lane;
            }
        }
        turn = (turn + 1) % lanes.length;
        return best;
    }

    /**
     * Room for a small file's {@code length} bytes (at most {@link #SMALL}) in the current batch:
     * the caller copies them into the returned piece at {@link #batchOffset()}, writes them from
     * there, then calls {@link #addToBatch}. Small files are hashed a batch at a time, since
     * waking a lane for a few KiB costs more than hashing them.
     */
    byte[] batchRoom(int length) {
        if (batch != null && (batchUsed + length > PIECE || batchFiles.size() == BATCH_FILES)) {
            flushBatch();
        }
        if (batch == null) {
            batch = take();
            batchUsed = 0;
        }
        return batch;
    }

    int batchOffset() {
        return batchUsed;
    }

    /** The digest of the {@code length} bytes just put at {@link #batchOffset()}, once its batch is hashed. */
    CompletableFuture<byte[]> addToBatch(int length) {
        CompletableFuture<byte[]> digest = new CompletableFuture<>();
        batchFiles.add(new Small(batchUsed, length, digest));
        batchUsed += length;
        return digest;
    }

    /** Hands the current batch of small files to a lane. */
    void flushBatch() {
        if (batch == null) {
            return;
        }
        byte[] piece = batch;
        List<Small> files = List.copyOf(batchFiles);
        batch = null;
        batchFiles.clear();
        Lane lane = leastLoaded();
        lane.queued.addAndGet(batchUsed);
        long bytes = batchUsed;
        lane.thread.execute(() -> {
            try {
                for (Small f : files) {
                    lane.sha.update(piece, f.offset, f.length);
                    f.digest.complete(lane.sha.digest());
                }
            } finally {
                lane.queued.addAndGet(-bytes);
                free.add(piece);
            }
        });
    }

    /** One small file in a batch. */
    private record Small(int offset, int length, CompletableFuture<byte[]> digest) {
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
