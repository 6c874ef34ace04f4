package org.lanfree.media.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lanfree.testkit.postgres.AuthMethod;
import org.lanfree.testkit.postgres.ClusterOptions;
import org.lanfree.testkit.postgres.PostgresCluster;
import org.lanfree.testkit.postgres.PostgresVersion;

/**
 * The migrations on the other PostgreSQL majors: 15 from Debian's package (with MD5 logins) and
 * 18 from the embedded binaries (SCRAM); the full contract runs on 17 in {@link PostgresCatalogTest}.
 */
class PostgresVersionsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "PostgreSQL {0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V18"})
    void migrationsApplyAndTheViewsAnswer(PostgresVersion version) {
        AuthMethod auth = version == PostgresVersion.V15 ? AuthMethod.MD5 : AuthMethod.SCRAM_SHA_256;
        try (PostgresCluster pg = PostgresCluster.start(version, dir.resolve("pg"), ClusterOptions.defaults().auth(auth))) {
            String url = pg.createDatabase("catalog");
            try (Catalog catalog = Catalog.open(url, pg.superuser(), pg.password(), Clock.systemUTC())) {
                assertEquals("2", catalog.schemaVersion());
                catalog.cartridges().ensurePool("daily", Pool.Kind.TAPE, null);
                catalog.policies().put(PolicySpec.of("std", "daily", 7));
                catalog.clients().register("db1", "db1.example", null);
                Dataset d = catalog.datasets().ensure("db1", BackupKind.PG, "main", "std");
                Backup b = catalog.backups().start(BackupStart.full(d.id()).withWalStart(0x1000028L, 1, pg.serverVersion()));
                catalog.backups().finish(b.id(), BackupEnd.good(1, 1, 0, null).withEndLsn(0x2000000L));
                assertEquals(0, catalog.retention().needBackup().size());
                assertEquals(0, catalog.retention().obsolete().size());
                assertTrue(catalog.backups().latestGood(d.id()).isPresent());
            }
            try (Catalog again = Catalog.open(url, pg.superuser(), pg.password())) {
                assertEquals("2", again.schemaVersion());
                assertEquals(1, again.backups().list(BackupFilter.all()).size());
            }
        }
    }
}
