package org.lanfree.db.pg.basebackup;

import org.lanfree.db.pg.wal.Lsn;
import org.lanfree.db.pg.wal.WalSegments;

/** Bytes done and expected over a backup's data and WAL; tells the caller's listener on every change. */
final class ProgressTracker {

    private final BackupProgress listener;
    private long total;
    private long dataDone;
    private long walDone;

    ProgressTracker(BackupProgress listener) {
        this.listener = listener;
    }

    /** The server's estimate of the data, from BASE_BACKUP's tablespace sizes. */
    void dataExpected(long bytes) {
        total = bytes;
        report();
    }

    /** BASE_BACKUP's own count of the data sent. */
    void dataDone(long bytes) {
        dataDone = bytes;
        report();
    }

    /** Once the WAL range is known: the data sent plus every segment of the range. */
    void walExpected(WalSegments segments, Lsn start, Lsn end) {
        long files = segments.segmentNumber(end) - segments.segmentNumber(start) + 1;
        total = dataDone + files * segments.size();
        report();
    }

    void walWritten(long bytes) {
        walDone += bytes;
        report();
    }

    private void report() {
        long done = dataDone + walDone;
        total = Math.max(total, done);
        listener.onProgress(done, total);
    }
}
