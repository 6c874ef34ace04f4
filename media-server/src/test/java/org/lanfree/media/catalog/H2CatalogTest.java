package org.lanfree.media.catalog;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The catalog contract on the embedded H2 catalog, each test in a new catalog folder. */
class H2CatalogTest {

    @TempDir
    static Path root;

    static H2Source source;

    @BeforeAll
    static void createSource() {
        source = new H2Source(root);
    }

    @Nested
    class Schema extends SchemaContract {
        @Override
        CatalogSource source() {
            return source;
        }
    }

    @Nested
    class Inventory extends InventoryContract {
        @Override
        CatalogSource source() {
            return source;
        }
    }

    @Nested
    class Jobs extends JobsContract {
        @Override
        CatalogSource source() {
            return source;
        }
    }

    @Nested
    class Backups extends BackupsContract {
        @Override
        CatalogSource source() {
            return source;
        }
    }

    @Nested
    class Files extends FileEntriesContract {
        @Override
        CatalogSource source() {
            return source;
        }
    }

    @Nested
    class Wal extends WalContract {
        @Override
        CatalogSource source() {
            return source;
        }
    }

    @Nested
    class Retention extends RetentionContract {
        @Override
        CatalogSource source() {
            return source;
        }
    }
}
