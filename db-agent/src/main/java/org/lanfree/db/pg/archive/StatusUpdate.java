package org.lanfree.db.pg.archive;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

import org.lanfree.db.pg.wal.Lsn;

/** Standby status update ('r'): written, flushed, applied (0), µs since 2000-01-01, no reply wanted. */
final class StatusUpdate {

    private static final long PG_EPOCH_MICROS = Duration.ofDays(10957).toNanos() / 1000;

    private StatusUpdate() {
    }

    static byte[] encode(Lsn written, Lsn flushed) {
        long nowMicros = Instant.now().toEpochMilli() * 1000 - PG_EPOCH_MICROS;
        return ByteBuffer.allocate(34).put((byte) 'r').putLong(written.value()).putLong(flushed.value()).putLong(0)
                .putLong(nowMicros).put((byte) 0).array();
    }
}
