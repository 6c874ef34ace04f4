package org.lanfree.db.pg.basebackup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.db.pg.testing.Clusters;
import org.lanfree.db.pg.wire.PgServerException;
import org.lanfree.testkit.postgres.ClusterOptions;
import org.lanfree.testkit.postgres.PostgresCluster;
import org.lanfree.testkit.postgres.PostgresVersion;

/** A server with wal_level=minimal (which forces max_wal_senders=0) cannot be backed up, and says which settings to change. */
class WalLevelMinimalTest {

    @Test
    void backupOfAServerWithoutWalSendersNamesBothSettings(@TempDir Path dir) {
        ClusterOptions options = ClusterOptions.defaults().setting("wal_level", "minimal").setting("max_wal_senders", "0");
        try (PostgresCluster pg = PostgresCluster.start(PostgresVersion.V15, dir.resolve("pg"), options)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PgServerException e = assertThrows(PgServerException.class, () -> new PgBaseBackup(Clusters.superuser(pg))
                    .run(BaseBackupOptions.labelled("minimal"), out, BackupProgress.NONE));
            assertEquals("53300", e.sqlState(), e.getMessage());
            assertTrue(e.getMessage().contains("max_wal_senders"), e.getMessage());
            assertTrue(e.getMessage().contains("set wal_level = replica (or logical) and max_wal_senders to at least 2"),
                    e.getMessage());
            assertFalse(e.retryable(), "no retry helps while max_wal_senders is 0: " + e.getMessage());
            assertEquals(0, out.size(), "nothing written before the server accepted the backup");
        }
    }
}
