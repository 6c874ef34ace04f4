package org.lanfree.fs.mount;

import java.time.Duration;

/**
 * How a mount reads.
 *
 * @param chunkSize       bytes fetched from an archive per request (and per cache entry)
 * @param cacheBytes      the most chunk bytes kept in memory
 * @param readAheadChunks chunks fetched ahead of a sequential reader
 * @param fetchThreads    background fetches at once
 * @param refresh         how old the list of backups may get before it is asked again
 */
public record MountSettings(int chunkSize, long cacheBytes, int readAheadChunks, int fetchThreads, Duration refresh) {

    public static MountSettings defaults() {
        return new MountSettings(32 << 20, 256L << 20, 4, 2, Duration.ofSeconds(5));
    }
}
