package org.lanfree.db.pg.archive;

import java.nio.ByteBuffer;

import org.lanfree.db.pg.wal.Lsn;
import org.lanfree.db.pg.wal.WalSegments;

/** One WAL segment being filled in memory; XLogData that crosses its end is split by the caller's loop. */
final class SegmentBuffer {

    private final WalSegments segments;
    private final byte[] bytes;
    private Lsn start;
    private int filled;

    SegmentBuffer(WalSegments segments, Lsn start) {
        this.segments = segments;
        this.bytes = new byte[Math.toIntExact(segments.size())];
        this.start = start;
    }

    /** Takes from {@code data}, which starts at {@code at}, up to the end of this segment. */
    void put(Lsn at, ByteBuffer data) {
        if (!at.equals(position())) {
            throw new IllegalStateException("XLogData starts at " + at + ", expected " + position()
                    + ": the WAL stream has a gap");
        }
        int n = Math.min(data.remaining(), bytes.length - filled);
        data.get(bytes, filled, n);
        filled += n;
    }

    Lsn position() {
        return start.plus(filled);
    }

    boolean full() {
        return filled == bytes.length;
    }

    Lsn start() {
        return start;
    }

    Lsn end() {
        return start.plus(segments.size());
    }

    byte[] bytes() {
        return bytes;
    }

    /** Starts the following segment; zeroed, since a partial one is staged whole with a zero tail. */
    void next() {
        start = end();
        filled = 0;
        java.util.Arrays.fill(bytes, (byte) 0);
    }
}
