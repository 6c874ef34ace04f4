package org.lanfree.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import org.lanfree.array.config.ConfigException;
import org.lanfree.array.config.Sizes;
import org.lanfree.cli.console.CommandFailure;

/** What every benchmark needs: size options and its scratch folder's removal. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** A size option's value ({@code 4G}, {@code 64K}); a bad one is a usage error naming the option. */
    static long size(String option, String text) {
        try {
            return Sizes.parse(option, text);
        } catch (ConfigException e) {
            throw CommandFailure.usage(option + " '" + text + "' is not a size; write e.g. 4G, 64K or 1M");
        }
    }

    /** Removes {@code dir} and everything under it; nothing when it is gone already. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
