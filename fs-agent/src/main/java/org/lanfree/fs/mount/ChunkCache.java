package org.lanfree.fs.mount;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Archive chunks of a fixed size, fetched through {@link ArchiveRanges} and kept in an LRU of at
 * most {@code maxChunks}. Concurrent readers of one chunk share one fetch; {@link #prefetch}
 * starts the fetch of a chunk a sequential reader will want next (read-ahead). A failed fetch is
 * forgotten, so the next read asks again.
 */
public final class ChunkCache {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChunkCache.class);

    private record Key(long backupId, long index) {
    }

    private final ArchiveRanges ranges;
    private final int chunkSize;
    private final int maxChunks;
    private final Executor fetchers;
    private final Map<Key, CompletableFuture<Chunk>> chunks;

    public ChunkCache(ArchiveRanges ranges, int chunkSize, long maxBytes, Executor fetchers) {
        if (chunkSize < 4096 || maxBytes < 2L * chunkSize) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " and cache size " + maxBytes
                    + ": expected a chunk of at least 4096 bytes and room for two chunks");
        }
        this.ranges = ranges;
        this.chunkSize = chunkSize;
        this.maxChunks = (int) Math.min(Integer.MAX_VALUE, maxBytes / chunkSize);
        this.fetchers = fetchers;
        this.chunks = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<Chunk>> eldest) {
                return size() > maxChunks;
            }
        };
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** The chunk holding archive offset {@code offset} of {@code backupId}, fetched if needed. */
    public Chunk get(long backupId, long offset) throws IOException {
        CompletableFuture<Chunk> f = future(new Key(backupId, offset / chunkSize), true);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading backup " + backupId);
        } catch (ExecutionException e) {
            forget(new Key(backupId, offset / chunkSize), f);
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("reading backup " + backupId + " at " + offset + " failed: " + e.getCause(),
                    e.getCause());
        }
    }

    /**
     * Starts fetching the chunk holding {@code offset} in the background, unless it is cached or
     * coming, or the chunk before it is known to hold the archive's end.
     */
    public void prefetch(long backupId, long offset) {
        long index = offset / chunkSize;
        if (index > 0) {
            CompletableFuture<Chunk> before;
            synchronized (chunks) {
                before = chunks.get(new Key(backupId, index - 1));
            }
            if (before != null && before.isDone() && !before.isCompletedExceptionally()
                    && before.join().last(chunkSize)) {
                return;
            }
        }
        future(new Key(backupId, index), false);
    }

    private CompletableFuture<Chunk> future(Key key, boolean inline) {
        CompletableFuture<Chunk> created;
        synchronized (chunks) {
            CompletableFuture<Chunk> f = chunks.get(key);
            if (f != null && !(f.isCompletedExceptionally() && !inline)) {
                return f;
            }
            created = new CompletableFuture<>();
            chunks.put(key, created);
        }
        if (inline) {
            complete(key, created);
        } else {
            fetchers.execute(() -> complete(key, created));
        }
        return created;
    }

    private void complete(Key key, CompletableFuture<Chunk> f) {
        try {
            f.complete(fetch(key));
        } catch (IOException | RuntimeException e) {
            f.completeExceptionally(e);
            forget(key, f);
        }
    }

    private Chunk fetch(Key key) throws IOException {
        long start = key.index() * chunkSize;
        long t0 = System.nanoTime();
        try (InputStream in = ranges.open(key.backupId(), start, chunkSize)) {
            byte[] bytes = in.readNBytes(chunkSize);
            // read to the end of the stream: that is where the range's own check (its SHA-256) runs
            if (in.read() >= 0) {
                throw new IOException("backup " + key.backupId() + " sent more than the " + chunkSize
                        + " bytes asked for at offset " + start);
            }
            LOG.debug("mount: backup {} bytes {}+{} fetched in {} ms", key.backupId(), start, bytes.length,
                    (System.nanoTime() - t0) / 1_000_000);
            return new Chunk(key.backupId(), start, bytes);
        }
    }

    private void forget(Key key, CompletableFuture<Chunk> f) {
        synchronized (chunks) {
            chunks.remove(key, f);
        }
    }
}
