package org.lanfree.cli.h2;

import java.io.PrintWriter;
import java.util.Locale;

import org.lanfree.cli.console.Bytes;

/** One line per second of a long backup or restore: bytes so far, of how many, and the rate. */
final class ProgressPrinter {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintWriter out;
    private final String prefix;
    private final long start = System.nanoTime();
    private long lastNanos = start;
    private long lastBytes;

    /** {@code out} null prints nothing (--json). */
    ProgressPrinter(PrintWriter out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    /** {@code done} bytes of {@code total} (below 0: unknown); {@code detail} is appended when not null. */
    void update(long done, long total, String detail) {
        long now = System.nanoTime();
        if (out == null || now - lastNanos < INTERVAL_NANOS) {
            return;
        }
        double rate = (done - lastBytes) / 1e6 / ((now - lastNanos) / 1e9);
        String of = total > 0 ? String.format(Locale.ROOT, " of %s (%d %%)", Bytes.format(total),
                Math.min(100, done * 100 / total)) : "";
        out.printf(Locale.ROOT, "%s%s%s after %.0f s, %.1f MB/s%s%n", prefix, Bytes.format(done), of,
                (now - start) / 1e9, rate, detail == null ? "" : ", " + detail);
        out.flush();
        lastNanos = now;
        lastBytes = done;
    }
}
