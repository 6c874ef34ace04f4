package org.lanfree.db.pg.wal;

/**
 * The division of the WAL into segment files of {@code size} bytes (a power of two, 1 MB to
 * 1 GB; 16 MB by default). Segment number = LSN / size; a file is named
 * {@code %08X%08X%08X} of timeline, segno / (2^32 / size), segno % (2^32 / size).
 */
public record WalSegments(long size) {

    private static final long MIN = 1L << 20;
    private static final long MAX = 1L << 30;

    public WalSegments {
        if (size < MIN || size > MAX || Long.bitCount(size) != 1) {
            throw new IllegalArgumentException("WAL segment size " + size + " bytes is not a power of two between"
                    + " 1 MB and 1 GB, as PostgreSQL requires");
        }
    }

    /** Parses {@code SHOW wal_segment_size}: "16MB", "1GB", "64MB". */
    public static WalSegments ofSetting(String shown) {
        String s = shown.trim();
        long unit;
        if (s.endsWith("MB")) {
            unit = 1L << 20;
        } else if (s.endsWith("GB")) {
            unit = 1L << 30;
        } else if (s.endsWith("kB")) {
            unit = 1L << 10;
        } else {
            throw new IllegalArgumentException("wal_segment_size '" + shown + "' has no unit kB, MB or GB");
        }
        return new WalSegments(Long.parseLong(s.substring(0, s.length() - 2).trim()) * unit);
    }

    public long segmentNumber(Lsn lsn) {
        return Long.divideUnsigned(lsn.value(), size);
    }

    /** The position where the segment holding {@code lsn} begins. */
    public Lsn segmentStart(Lsn lsn) {
        return new Lsn(lsn.value() - Long.remainderUnsigned(lsn.value(), size));
    }

    /** Offset of {@code lsn} within its segment. */
    public long offsetInSegment(Lsn lsn) {
        return Long.remainderUnsigned(lsn.value(), size);
    }

    /** The file name of the segment holding {@code lsn} on {@code timeline}, e.g. 00000001000000000000000A. */
    public String fileName(int timeline, Lsn lsn) {
        long segno = segmentNumber(lsn);
        long perId = (1L << 32) / size;
        return String.format("%08X%08X%08X", timeline, segno / perId, segno % perId);
    }
}
