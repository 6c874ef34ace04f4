package org.lanfree.media.staging;

import java.time.Duration;

/**
 * How a staging pool uses its disk and when it migrates.
 *
 * @param name         the pool's name: the client and prefix of its tape files' backup ids
 * @param maxBytes     bytes the pool may hold on disk (segments and segments being written)
 * @param batchBytes   a migration takes the oldest segments up to this many bytes (at least one)
 * @param maxAge       a migration is due once the oldest segment not on tape is this old
 * @param keepSegments after migration, each stream keeps its newest this many segments on disk
 * @param keepBytes    ... and also its newest segments up to this many bytes
 */
public record StagingPolicy(String name, long maxBytes, long batchBytes, Duration maxAge, int keepSegments,
        long keepBytes) {

    public StagingPolicy {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") || maxBytes < 1 || batchBytes < 1
                || maxAge == null || maxAge.isNegative() || keepSegments < 0 || keepBytes < 0) {
            throw new IllegalArgumentException("staging policy is not valid: name '" + name + "', maxBytes "
                    + maxBytes + ", batchBytes " + batchBytes + ", maxAge " + maxAge + ", keepSegments " + keepSegments
                    + ", keepBytes " + keepBytes + "; expected a name of letters, digits, '.', '_' or '-', positive"
                    + " sizes, a non-negative age and keep counts");
        }
    }

    /** Pool {@code staging}: no quota, 1 GiB batches, hourly, keeps the newest 8 segments per stream. */
    public static StagingPolicy defaults() {
        return new StagingPolicy("staging", Long.MAX_VALUE, 1L << 30, Duration.ofHours(1), 8, 0);
    }

    public StagingPolicy withName(String value) {
        return new StagingPolicy(value, maxBytes, batchBytes, maxAge, keepSegments, keepBytes);
    }

    public StagingPolicy withMaxBytes(long value) {
        return new StagingPolicy(name, value, batchBytes, maxAge, keepSegments, keepBytes);
    }

    public StagingPolicy withBatch(long bytes, Duration age) {
        return new StagingPolicy(name, maxBytes, bytes, age, keepSegments, keepBytes);
    }

    public StagingPolicy withKeep(int segments, long bytes) {
        return new StagingPolicy(name, maxBytes, batchBytes, maxAge, segments, bytes);
    }
}
