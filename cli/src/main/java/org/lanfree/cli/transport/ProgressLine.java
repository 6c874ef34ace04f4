package org.lanfree.cli.transport;

import java.io.PrintWriter;
import java.util.Locale;

import org.lanfree.cli.console.Bytes;

/**
 * Prints one line per second of a long transfer: bytes so far (of the total, when known), and
 * the rate over the last second.
 */
final class ProgressLine implements Progress {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintWriter out;
    private final String prefix;
    private final long total;
    private final long start = System.nanoTime();
    private long lastNanos = start;
    private long lastBytes;

    /** {@code total} below 0: unknown. */
    ProgressLine(PrintWriter out, String prefix, long total) {
        this.out = out;
        this.prefix = prefix;
        this.total = total;
    }

    @Override
    public void update(long bytes) {
        long now = System.nanoTime();
        if (now - lastNanos < INTERVAL_NANOS) {
            return;
        }
        double rate = (bytes - lastBytes) / 1e6 / ((now - lastNanos) / 1e9);
        String of = total >= 0
                ? String.format(Locale.ROOT, " of %s (%d %%)", Bytes.format(total), total == 0 ? 100 : bytes * 100 / total)
                : "";
        out.printf(Locale.ROOT, "%s%s%s after %.0f s, %.1f MB/s%n", prefix, Bytes.format(bytes), of,
                (now - start) / 1e9, rate);
        out.flush();
        lastNanos = now;
        lastBytes = bytes;
    }
}
