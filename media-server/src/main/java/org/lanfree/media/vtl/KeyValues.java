package org.lanfree.media.vtl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The library's text files ({@code vtl.conf}, each cartridge's {@code meta}, {@code library.state}):
 * one {@code key = value} per line, {@code #} starts a comment, a key appears once. Files are
 * replaced atomically (write a temporary file, force it, rename it over, force the folder), so a
 * crash leaves either the old or the new version.
 */
final class KeyValues {

    private KeyValues() {
    }

    /** A line that is not {@code key = value}, or a key given twice. */
    static final class BadLine extends IllegalArgumentException {
        final String where;
        final String problem;
        final String hint;

        BadLine(String where, String problem, String hint) {
            super(where + ": " + problem + "; HINT: " + hint);
            this.where = where;
            this.problem = problem;
            this.hint = hint;
        }
    }

    /** Parses the lines; a bad line fails naming {@code name}, its line number and the fix. */
    static Map<String, String> parse(List<String> lines, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            line = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            String where = name + " line " + (i + 1);
            if (eq <= 0) {
                throw new BadLine(where, "'" + line + "' is not a 'key = value' line",
                        "write one setting per line as key = value");
            }
            String key = line.substring(0, eq).strip();
            if (values.put(key, line.substring(eq + 1).strip()) != null) {
                throw new BadLine(where, key + " is set twice", "keep one line for " + key);
            }
        }
        return values;
    }

    static Map<String, String> read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Replaces {@code file} with {@code text}, durably. */
    static void replace(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel folder = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        }
    }
}
