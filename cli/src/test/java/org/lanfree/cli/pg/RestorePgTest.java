package org.lanfree.cli.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lanfree.cli.Cli;
import org.lanfree.cli.media.TestDeployment;
import org.lanfree.testkit.Await;
import org.lanfree.testkit.postgres.ClusterOptions;
import org.lanfree.testkit.postgres.OsUser;
import org.lanfree.testkit.postgres.PostgresCluster;
import org.lanfree.testkit.postgres.PostgresVersion;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code lanfree restore pg}: a backup taken with {@code backup pg} comes back from the media
 * server as a new data directory, owned by the cluster's OS user with mode 0700, checked
 * against its manifest, that starts, recovers to its target, is promoted, passes amcheck, and holds
 * exactly the rows committed before the backup (or before the target time).
 */
class RestorePgTest {

    private static TestDeployment deployment;
    private static Path dir;
    private static final Map<PostgresVersion, PostgresCluster> CLUSTERS = new EnumMap<>(PostgresVersion.class);

    @BeforeAll
    static void up() throws Exception {
        dir = Files.createTempDirectory("lanfree-pgrestore-");
        deployment = TestDeployment.up("pgrestore");
    }

    @AfterAll
    static void down() throws Exception {
        try {
            CLUSTERS.values().forEach(PostgresCluster::close);
        } finally {
            if (deployment != null) {
                deployment.close(); // also when a cluster would not stop: no daemons left behind
            }
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V18"})
    void aRestoredBackupStartsPromotedWithExactlyTheRowsCommittedBeforeIt(PostgresVersion version) throws Exception {
        PostgresCluster pg = cluster(version);
        marks(pg, "marks_immediate");
        JsonNode backup = backup(pg);
        pg.execute("INSERT INTO marks_immediate SELECT g, 'after' FROM generate_series(1, 10) g");

        Path data = dir.resolve("restored" + version.major());
        Cli.Result r = deployment.run("restore", "pg", "--backup", backup.get("backupId").asText(), "--pgdata",
                data.toString(), "--os-user", OsUser.DEFAULT_NAME, "--target-immediate", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode restored = r.json();
        assertEquals(backup.get("startLsn").asText(), restored.get("startLsn").asText(), "backup_label's start");
        assertTrue(restored.get("checks").toString().contains("manifest"), r.toString());
        if (version == PostgresVersion.V15 && Files.isExecutable(Path.of("/usr/lib/postgresql/15/bin/pg_verifybackup"))) {
            assertTrue(restored.get("checks").toString().contains("pg_verifybackup"), r.toString());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals(OsUser.DEFAULT_NAME, Files.getOwner(data.resolve("PG_VERSION")).getName());
        assertTrue(Files.readString(data.resolve("postgresql.auto.conf")).contains("recovery_target_action = 'promote'"));
        assertTrue(Files.exists(data.resolve("recovery.signal")));

        assertEquals(List.of("1000|before"), startAndQuery(version, data, "marks_immediate"));
    }

    @Test
    void latestRestoresTheNewestGoodBackupOfTheCluster() throws Exception {
        PostgresCluster pg = cluster(PostgresVersion.V18);
        marks(pg, "marks_latest");
        backup(pg);
        pg.execute("INSERT INTO marks_latest SELECT g, 'between' FROM generate_series(1, 5) g");
        JsonNode newest = backup(pg);
        pg.execute("INSERT INTO marks_latest SELECT g, 'after' FROM generate_series(1, 10) g");

        Path data = dir.resolve("latest");
        Cli.Result r = deployment.run("restore", "pg", "--backup", "latest", "--dataset", "127.0.0.1-" + pg.port(),
                "--pgdata", data.toString(), "--os-user", OsUser.DEFAULT_NAME, "--json");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(newest.get("backupId").asLong(), r.json().get("backupId").asLong());
        assertEquals(List.of("1000|before", "5|between"), startAndQuery(PostgresVersion.V18, data, "marks_latest"));
    }

    /**
     * The db-agent archives the cluster's WAL continuously; a restore to a time between two marked
     * commits made after the backup holds exactly the first.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V18"})
    void pointInTimeRecoveryStopsBetweenTwoCommitsMadeAfterTheBackup(PostgresVersion version) throws Exception {
        PostgresCluster pg = cluster(version);
        archived(pg);
        JsonNode backup = backup(pg);
        pg.execute("CREATE TABLE pitr (what text)", "INSERT INTO pitr VALUES ('first')");
        String between;
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            between = text(s, "SELECT clock_timestamp()::text");
            Await.until(() -> text(s, "SELECT clock_timestamp() > '" + between + "'::timestamptz + interval '20 ms'")
                    .equals("t"), Duration.ofSeconds(5), "the clock to pass " + between);
            s.execute("INSERT INTO pitr VALUES ('second')");
            String switched = text(s, "SELECT pg_switch_wal()::text");
            Await.until(() -> text(s, "SELECT coalesce(restart_lsn > '" + switched + "'::pg_lsn, false)"
                    + " FROM pg_replication_slots WHERE slot_name = 'lanfree_wal'").equals("t"),
                    Duration.ofSeconds(60), "the archiver to confirm the WAL past " + switched);
        }

        Path data = dir.resolve("pitr" + version.major());
        Cli.Result r = deployment.run("restore", "pg", "--backup", backup.get("backupId").asText(), "--pgdata",
                data.toString(), "--os-user", OsUser.DEFAULT_NAME, "--target-time", between, "--json");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.json().get("walSegmentsStaged").asInt() >= 1, "archived WAL was staged: " + r);
        assertEquals(List.of("1|first"), startAndQuery(version, data, "pitr"));
    }

    @Test
    void aNonEmptyDataDirectoryIsRefusedAndRootMustNameTheOsUser() throws Exception {
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("PG_VERSION"), "18\n");
        Cli.Result r = deployment.run("restore", "pg", "--backup", "1", "--pgdata", busy.toString(), "--os-user",
                OsUser.DEFAULT_NAME);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("is not empty"), r.toString());
        if ("root".equals(System.getProperty("user.name"))) {
            Cli.Result root = deployment.run("restore", "pg", "--backup", "1", "--pgdata", dir.resolve("x").toString());
            assertEquals(2, root.exitCode(), root.toString());
            assertTrue(root.err().contains("--os-user is required as root"), root.toString());
        }
    }

    private static synchronized PostgresCluster cluster(PostgresVersion version) {
        return CLUSTERS.computeIfAbsent(version, v -> {
            return PostgresCluster.start(v, dir.resolve("pg" + v.major()), ClusterOptions.defaults());
        });
    }

    /** A table of its own per test, with 1000 rows marked 'before'. */
    private static void marks(PostgresCluster pg, String table) {
        pg.execute("CREATE TABLE " + table + " (n int, what text)",
                "INSERT INTO " + table + " SELECT g, 'before' FROM generate_series(1, 1000) g");
    }

    /** install.sql and db-agent add: the agent archives the cluster's WAL from now on. */
    private static void archived(PostgresCluster pg) throws Exception {
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            s.execute(Files.readString(Path.of("..", "sql", "postgres", "install.sql")));
        }
        Cli.Result add = deployment.run("db-agent", "add", "--pgurl", "postgresql://" + pg.superuser() + ":"
                + pg.password() + "@127.0.0.1:" + pg.port() + "/postgres");
        assertEquals(0, add.exitCode(), add.toString());
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            Await.until(() -> text(s, "SELECT count(*) FROM pg_stat_replication WHERE application_name"
                    + " = 'lanfree_archiver'").equals("1"), Duration.ofSeconds(30), "the archiver to stream\n"
                    + deployment.log("db-agent"));
        }
    }

    private static String text(Statement s, String sql) {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode backup(PostgresCluster pg) {
        Cli.Result r = deployment.run("backup", "pg", "--pgurl", "postgresql://" + pg.superuser() + ":"
                + pg.password() + "@127.0.0.1:" + pg.port() + "/postgres", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        return r.json();
    }

    /** Starts the restored directory, waits for its promotion, and counts the marks by kind. */
    private static List<String> startAndQuery(PostgresVersion version, Path data, String table) throws Exception {
        try (PostgresCluster restored = PostgresCluster.startExisting(version, data, ClusterOptions.defaults())) {
            try (Connection c = restored.connect("postgres"); Statement s = c.createStatement()) {
                Await.until((java.util.concurrent.Callable<Boolean>) () -> {
                    try (ResultSet rs = s.executeQuery("SELECT NOT pg_is_in_recovery()")) {
                        rs.next();
                        return rs.getBoolean(1);
                    }
                }, Duration.ofSeconds(60), "the restored cluster to be promoted");
                try (ResultSet rs = s.executeQuery("SELECT timeline_id FROM pg_control_checkpoint()")) {
                    rs.next();
                    assertTrue(rs.getInt(1) >= 2, "promotion starts a new timeline");
                }
                s.execute("CREATE EXTENSION IF NOT EXISTS amcheck");
                assertEquals("0", text(s, "SELECT count(*) FROM verify_heapam('" + table + "')"),
                        "amcheck finds no damage in " + table);
                List<String> out = new java.util.ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT count(*) || '|' || what FROM " + table + " GROUP BY what"
                        + " ORDER BY what")) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        }
    }
}
