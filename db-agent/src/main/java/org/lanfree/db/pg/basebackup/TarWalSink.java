package org.lanfree.db.pg.basebackup;

import org.lanfree.db.pg.wal.ConcurrentWalStream;
import org.lanfree.db.pg.wal.WalSegmentSink;
import org.lanfree.db.tar.TarWriter;

/** WAL segments as tar members {@code pg_wal/<name>}, padded with zeros to the segment size. */
final class TarWalSink implements WalSegmentSink {

    private final TarWriter tar;
    private final long mtime;
    private final ProgressTracker progress;
    private long size;
    private int segments;

    TarWalSink(TarWriter tar, long mtime, ProgressTracker progress) {
        this.tar = tar;
        this.mtime = mtime;
        this.progress = progress;
    }

    @Override
    public void begin(String fileName, long segmentSize) {
        size = segmentSize;
        tar.beginMember("pg_wal/" + fileName, segmentSize, mtime);
    }

    @Override
    public void write(byte[] data, int off, int len) {
        tar.write(data, off, len);
    }

    @Override
    public void end(long received) {
        tar.endMember();
        segments++;
        progress.walWritten(size);
    }

    /** A whole segment at once, as the concurrent stream hands it over. */
    void add(ConcurrentWalStream.Segment segment) {
        begin(segment.fileName(), segment.data().length);
        write(segment.data(), 0, segment.data().length);
        end(segment.data().length);
    }

    /** Segment files written so far. */
    int segments() {
        return segments;
    }
}
