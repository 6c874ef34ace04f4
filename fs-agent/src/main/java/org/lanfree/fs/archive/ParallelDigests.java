package org.lanfree.fs.archive;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SHA-256s of archived files computed on their own threads while the caller reads and writes the
 * next buffers: hashing costs more than reading from the page cache and writing to a pipe, so it
 * must not be on the writer's thread, and one file's hash cannot be split, so files go to
 * {@link #THREADS} hashing lanes in turn (each lane hashes its files one after another, so it
 * needs one {@link Sha256}). Data travels in a fixed set of {@link #BUFFERS} native buffers: the
 * caller reads a file's bytes into one it {@link #take}s, hands it to the file's
 * {@link FileDigest}, and it comes back free once hashed; when all are being hashed,
 * {@link #take} waits, so memory stays fixed and the writer cannot run ahead of the hashing.
 */
final class ParallelDigests implements AutoCloseable {

    static final int BUFFER = 1 << 20;
    static final int BUFFERS = 8;
    static final int THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    private static final long ZEROS = 64 * 1024;

    /** A hashing thread, its digest, and the bytes handed to it not hashed yet. */
    private record Lane(ExecutorService thread, Sha256 sha, AtomicLong queued) {
    }

    private final Arena arena = Arena.ofShared();
    private final MemorySegment zeros = arena.allocate(ZEROS);
    private final BlockingQueue<MemorySegment> free = new ArrayBlockingQueue<>(BUFFERS);
    private final Lane[] lanes = new Lane[THREADS];
    private final Sha256 here = Sha256.create();
    private int turn;

    ParallelDigests() {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(arena.allocate(BUFFER, 4096));
        }
        for (int i = 0; i < THREADS; i++) {
            int n = i;
            lanes[i] = new Lane(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "lanfree-sha256-" + n);
                t.setDaemon(true);
                return t;
            }), Sha256.create(), new AtomicLong());
        }
    }

    /** A free buffer of {@link #BUFFER} bytes, waiting while every buffer is being hashed. */
    MemorySegment take() {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the hashing threads", e);
        }
    }

    /** Gives back a buffer taken but not handed to a digest. */
    void give(MemorySegment buffer) {
        free.add(buffer);
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
    CompletableFuture<byte[]> hereAndNow(MemorySegment buffer, int length) {
        here.update(buffer, length);
        return CompletableFuture.completedFuture(here.digest());
    }

    /** One file's SHA-256: its updates run in order on its lane. */
    final class FileDigest {
        private final Lane lane;

        private FileDigest(Lane lane) {
            this.lane = lane;
        }

        /** Hashes the first {@code length} bytes of {@code buffer}, then frees the buffer. */
        void update(MemorySegment buffer, long length) {
            lane.queued.addAndGet(length);
            lane.thread.execute(() -> {
                try {
                    lane.sha.update(buffer, length);
                } finally {
                    lane.queued.addAndGet(-length);
                    free.add(buffer);
                }
            });
        }

        /** Hashes {@code n} zero bytes: a hole, or the zeros standing for data a file lost while read. */
        void zeros(long n) {
            if (n <= 0) {
                return;
            }
            lane.thread.execute(() -> {
                for (long left = n; left > 0; left -= ZEROS) {
                    lane.sha.update(zeros, Math.min(left, ZEROS));
                }
            });
        }

        /** The digest, once every update before this call is hashed. */
        CompletableFuture<byte[]> finish() {
            return CompletableFuture.supplyAsync(lane.sha::digest, lane.thread);
        }
    }

    /** Stops the lanes, then frees the buffers (none is in use once the threads have stopped). */
    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.thread.shutdownNow();
        }
        boolean stopped = true;
        for (Lane lane : lanes) {
            try {
                stopped &= lane.thread.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = false;
            }
        }
        here.close();
        if (stopped) {
            for (Lane lane : lanes) {
                lane.sha.close();
            }
            arena.close();
        }
    }
}
