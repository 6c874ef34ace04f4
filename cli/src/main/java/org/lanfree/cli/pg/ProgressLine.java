package org.lanfree.cli.pg;

import java.io.PrintWriter;

import org.lanfree.cli.console.Bytes;
import org.lanfree.db.pg.basebackup.BackupProgress;

/** One line, rewritten at most twice a second: bytes done of the estimate. Silent with no writer. */
final class ProgressLine implements BackupProgress {

    private static final long EVERY_NANOS = 500_000_000L;

    private final PrintWriter err;
    private long last;
    private boolean shown;

    ProgressLine(PrintWriter errOrNull) {
        this.err = errOrNull;
        this.last = System.nanoTime() - EVERY_NANOS;
    }

    @Override
    public void onProgress(long done, long total) {
        long now = System.nanoTime();
        if (err == null || now - last < EVERY_NANOS) {
            return;
        }
        last = now;
        String pct = total > 0 ? " (" + Math.min(100, done * 100 / total) + "%)" : "";
        err.print("\r" + Bytes.format(done) + (total > 0 ? " of ~" + Bytes.format(total) : "") + pct + "   ");
        err.flush();
        shown = true;
    }

    /** Ends the line, so what follows starts on a new one. */
    void end() {
        if (shown) {
            err.println();
            err.flush();
        }
    }
}
