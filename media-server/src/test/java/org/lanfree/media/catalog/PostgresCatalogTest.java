package org.lanfree.media.catalog;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.testkit.postgres.PostgresCluster;
import org.lanfree.testkit.postgres.PostgresVersion;

/** The catalog contract on a real PostgreSQL 17 (the embedded binaries), each test in a new database. */
class PostgresCatalogTest {

    @TempDir
    static Path root;

    static PostgresCluster cluster;
    static PostgresSource source;

    @BeforeAll
    static void startCluster() {
        cluster = PostgresCluster.start(PostgresVersion.V17, root.resolve("pg17"));
        source = new PostgresSource(cluster);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
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
