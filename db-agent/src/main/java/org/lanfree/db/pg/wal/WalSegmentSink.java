package org.lanfree.db.pg.wal;

/**
 * Where received WAL goes, one segment file at a time: {@link #begin}, any number of
 * {@link #write}s in order, then {@link #end}. The sink pads a segment that ends early.
 */
public interface WalSegmentSink {

    /** A new segment file of {@code size} bytes starts. */
    void begin(String fileName, long size);

    /** The next bytes of the current segment. */
    void write(byte[] data, int off, int len);

    /** The current segment ends; {@code received} bytes were written, the rest of its size is zeros. */
    void end(long received);
}
