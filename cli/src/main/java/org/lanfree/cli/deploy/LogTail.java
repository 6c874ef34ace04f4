package org.lanfree.cli.deploy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines a daemon wrote to its log since a given offset, quoted in failure messages. */
final class LogTail {

    private static final int LINES = 15;
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    /** The log's current size: the offset from which a freshly started daemon writes. */
    static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last lines written after {@code offset}, indented, or a note that there are none. */
    static String since(Path log, long offset) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(offset, f.length() - MAX_BYTES);
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            if (lines.isEmpty()) {
                return "  (the log " + log + " is empty)";
            }
            StringBuilder out = new StringBuilder();
            for (String line : lines.subList(Math.max(0, lines.size() - LINES), lines.size())) {
                out.append("  | ").append(line).append('\n');
            }
            return out.toString().stripTrailing();
        } catch (IOException e) {
            return "  (cannot read the log " + log + ": " + e.getMessage() + ")";
        }
    }
}
