package org.lanfree.array.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code key = value} lines; {@code #} starts a comment; a key may appear once. */
final class KeyValueFile {

    private KeyValueFile() {
    }

    static Map<String, String> read(Path file) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("--config", "file " + file + " does not exist",
                    "give the path of an existing array configuration, or run 'lanfree up' to generate one");
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage(),
                    "check the file's permissions");
        }
        return parse(lines, file.getFileName().toString());
    }

    static Map<String, String> parse(String text, String name) {
        try {
            return parse(List.of(text.split("\n")), name);
        } catch (ConfigException e) {
            throw new IllegalStateException("built-in " + name + " are broken: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> parse(List<String> lines, String name) throws ConfigException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            String where = name + " line " + (i + 1);
            if (eq <= 0) {
                throw new ConfigException(where, "'" + line + "' is not a 'key = value' line",
                        "write one setting per line as key = value");
            }
            String key = line.substring(0, eq).strip();
            if (values.put(key, line.substring(eq + 1).strip()) != null) {
                throw new ConfigException(key, "is set twice (again on " + where + ")",
                        "keep one line for " + key);
            }
        }
        return values;
    }
}
