package org.lanfree.media.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Embedded H2 catalogs, each in a new folder under {@code root}. */
final class H2Source implements CatalogSource {

    private final Path root;
    private Path current;

    H2Source(Path root) {
        this.root = root;
    }

    @Override
    public Catalog fresh(Clock clock) {
        try {
            current = Files.createTempDirectory(root, "catalog-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Catalog.embedded(current, clock);
    }

    @Override
    public Catalog again(Clock clock) {
        return Catalog.embedded(current, clock);
    }

    Path currentDir() {
        return current;
    }

    @Override
    public String describe() {
        return "H2";
    }
}
