package org.lanfree.db.pg.wal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

/**
 * The standby status update a WAL receiver sends as CopyData:
 * {@code 'r', Int64 written, Int64 flushed, Int64 applied, Int64 µs since 2000-01-01, Byte1 reply-now}.
 * The server moves the slot's restart_lsn to {@code flushed}, releasing the WAL before it.
 */
final class StandbyStatus {

    /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01. */
    private static final long PG_EPOCH_MICROS = Duration.ofDays(10957).toNanos() / 1000;

    private StandbyStatus() {
    }

    static byte[] encode(Lsn written, Lsn flushed) {
        long nowMicros = Instant.now().toEpochMilli() * 1000 - PG_EPOCH_MICROS;
        return ByteBuffer.allocate(34).put((byte) 'r').putLong(written.value()).putLong(flushed.value()).putLong(0)
                .putLong(nowMicros).put((byte) 0).array();
    }
}
