package org.lanfree.connect;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Captures what slf4j-simple writes to {@code System.err} (it looks the stream up on every line),
 * still passing it through, so tests can assert log lines.
 */
public final class LogCapture {

    private static final List<String> LINES = new ArrayList<>();
    private static boolean installed;

    private LogCapture() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        PrintStream original = System.err;
        OutputStream tee = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                original.write(b);
                synchronized (LINES) {
                    if (b == '\n') {
                        LINES.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                        LINES.notifyAll();
                    } else {
                        line.write(b);
                    }
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** Waits until a captured line matches; returns it. */
    public static String awaitLine(String description, Duration limit, Predicate<String> matcher) {
        install();
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (LINES) {
            int seen = 0;
            while (true) {
                for (; seen < LINES.size(); seen++) {
                    if (matcher.test(LINES.get(seen))) {
                        return LINES.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no log line " + description + " within " + limit.toMillis() + " ms");
                }
                try {
                    LINES.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for a log line " + description);
                }
            }
        }
    }

    /** Waits for a WARN line that contains every one of {@code fragments}. */
    public static String awaitWarn(Duration limit, String... fragments) {
        return awaitLine("WARN containing " + List.of(fragments), limit, line -> {
            if (!line.contains(" WARN ")) {
                return false;
            }
            for (String fragment : fragments) {
                if (!line.contains(fragment)) {
                    return false;
                }
            }
            return true;
        });
    }
}
