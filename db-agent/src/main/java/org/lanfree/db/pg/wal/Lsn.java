package org.lanfree.db.pg.wal;

/**
 * A WAL position (log sequence number), written {@code X/X} as PostgreSQL does: the high and
 * low 32 bits in upper-case hex. Compared unsigned. {@link #INVALID} is 0/0.
 */
public record Lsn(long value) implements Comparable<Lsn> {

    public static final Lsn INVALID = new Lsn(0);

    /** Parses "16/B374D848"; fails naming the text and the expected form. */
    public static Lsn valueOf(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || slash > 8 || text.length() - slash - 1 > 8) {
            throw new IllegalArgumentException("'" + text + "' is not an LSN; expected two hex numbers of up to"
                    + " 8 digits separated by '/', e.g. 0/A000028");
        }
        try {
            long hi = Long.parseLong(text.substring(0, slash), 16);
            long lo = Long.parseLong(text.substring(slash + 1), 16);
            return new Lsn(hi << 32 | lo);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an LSN: " + e.getMessage()
                    + "; expected hex digits, e.g. 0/A000028", e);
        }
    }

    public boolean isValid() {
        return value != 0;
    }

    public Lsn plus(long bytes) {
        return new Lsn(value + bytes);
    }

    /** Bytes from {@code earlier} to this position. */
    public long minus(Lsn earlier) {
        return value - earlier.value;
    }

    public boolean isBefore(Lsn other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return String.format("%X/%X", value >>> 32, value & 0xFFFFFFFFL);
    }
}
