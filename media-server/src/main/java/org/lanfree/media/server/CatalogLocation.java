package org.lanfree.media.server;

import java.nio.file.Path;

import org.lanfree.media.catalog.Catalog;

/** Where the media server's catalog lives: an embedded H2 folder, or a database behind a JDBC URL. */
public sealed interface CatalogLocation {

    /** Opens (and migrates) the catalog. */
    Catalog open();

    /** The embedded H2 catalog in {@code dir}; served to readers on {@code serverPort} (0: any free port). */
    record Embedded(Path dir, int serverPort) implements CatalogLocation {
        @Override
        public Catalog open() {
            return Catalog.embedded(dir);
        }

        @Override
        public String toString() {
            return "embedded H2 in " + dir;
        }
    }

    /** A catalog database (PostgreSQL or H2) at {@code url}; the password is read at start. */
    record Jdbc(String url, String user, String password) implements CatalogLocation {
        @Override
        public Catalog open() {
            return Catalog.open(url, user, password);
        }

        @Override
        public String toString() {
            return url + " as " + user;
        }
    }
}
