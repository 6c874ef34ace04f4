package org.lanfree.cli.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lanfree.cli.Cli;
import org.lanfree.cli.media.TestDeployment;
import org.lanfree.testkit.Await;
import org.lanfree.testkit.postgres.ClusterOptions;
import org.lanfree.testkit.postgres.PostgresCluster;
import org.lanfree.testkit.postgres.PostgresVersion;

/**
 * Backups requested with {@code SELECT lanfree.backup()} in real clusters, run by the db-agent
 * that {@code lanfree up} started as a real process, stored by the real media server; and what
 * the job row says when the agent is killed mid-backup or the media server is down.
 */
class SqlRequestedBackupTest {

    private static final Path INSTALL_SQL = Path.of("..", "sql", "postgres", "install.sql");
    private static final String OPERATOR = "backup_op";
    private static final String PASSWORD = "op-s3cret";

    private static TestDeployment deployment;
    private static final Map<PostgresVersion, PostgresCluster> CLUSTERS = new EnumMap<>(PostgresVersion.class);
    private static Path dir;

    @BeforeAll
    static void up() throws Exception {
        dir = Files.createTempDirectory("lanfree-sqlreq-");
        deployment = TestDeployment.up("sqlreq");
    }

    @AfterAll
    static void down() throws Exception {
        try {
            CLUSTERS.values().forEach(PostgresCluster::close);
        } finally {
            if (deployment != null) {
                deployment.close();
            }
        }
        Files.deleteIfExists(dir);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V18"})
    void anOperatorsRequestGoesQueuedRunningDoneWhileAWriterCommits(PostgresVersion version) throws Exception {
        PostgresCluster pg = cluster(version);
        Writer writer = new Writer(pg);
        try {
            List<String> states = new ArrayList<>();
            try (Connection op = operator(pg)) {
                op.setAutoCommit(false);
                long job = scalar(op, "SELECT lanfree.backup()");
                states.add(text(op, "SELECT state FROM lanfree.jobs WHERE job_id = " + job));
                op.commit();
                op.setAutoCommit(true);
                String end = follow(op, job, states);
                assertEquals("done", end, "job " + job + ": " + row(op, job) + "\n" + deployment.log("db-agent"));
                assertEquals(List.of("queued", "running", "done"), states);
                long backupId = scalar(op, "SELECT backup_id FROM lanfree.jobs WHERE job_id = " + job);
                assertEquals(List.of("good|pg|full|127.0.0.1-" + pg.port() + "|lsn"), deployment.query(
                        "SELECT status || '|' || kind || '|' || level || '|' || dataset || '|'"
                                + " || CASE WHEN start_lsn > 0 AND end_lsn >= start_lsn AND timeline = 1"
                                + " THEN 'lsn' ELSE 'no lsn' END FROM v_backups WHERE backup_id = " + backupId));
                assertEquals(scalar(op, "SELECT bytes_done FROM lanfree.jobs WHERE job_id = " + job),
                        Long.parseLong(deployment.query("SELECT bytes FROM v_backups WHERE backup_id = " + backupId)
                                .get(0)), "the job's bytes are the stored backup's");
            }
            assertTrue(writer.committed() > 0, "the writer committed during the backup");
        } finally {
            writer.stop();
        }
    }

    @Test
    void backupPgFromTheCommandLineStoresAGoodBackupWithItsWalPosition() throws Exception {
        PostgresCluster pg = cluster(PostgresVersion.V15);
        Cli.Result r = deployment.run("backup", "pg", "--pgurl", "postgresql://" + pg.superuser() + ":" + pg.password()
                + "@127.0.0.1:" + pg.port() + "/postgres", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        var json = r.json();
        assertEquals("127.0.0.1-" + pg.port(), json.get("dataset").asText());
        assertTrue(json.get("serverVersion").asText().startsWith("15"), r.toString());
        assertEquals(List.of("good|" + json.get("bytes").asLong() + "|" + json.get("sha256").asText()),
                deployment.query("SELECT status || '|' || bytes || '|' || sha256 FROM v_backups WHERE backup_id = "
                        + json.get("backupId").asLong()));
    }

    /** Kills the agent mid-backup, then stops the media server: each time the job says why it failed. */
    @Test
    void aKilledAgentOrADownMediaServerFailTheJobWithAReasonAndTheNextRunWorks() throws Exception {
        PostgresCluster pg = cluster(PostgresVersion.V18);
        pg.execute("CREATE TABLE IF NOT EXISTS bulk AS SELECT g AS id, repeat('x', 200) AS pad"
                + " FROM generate_series(1, 400000) g");
        Path conf = deployment.file(DbAgentDaemon.CONFIG_FILE);
        String original = Files.readString(conf);
        // slow enough (8 MB/s for ~100 MB) that the kill lands mid-backup
        Files.writeString(conf, original.replace("backup.max-rate = 0", "backup.max-rate = 8192"));
        restartAgent();
        try (Connection op = operator(pg)) {
            String dataset = "127.0.0.1-" + pg.port();
            List<String> goodBefore = good(dataset);
            long job = scalar(op, "SELECT lanfree.backup()");
            Await.until(() -> scalar(op, "SELECT bytes_done FROM lanfree.jobs WHERE job_id = " + job) > 0,
                    Duration.ofSeconds(60), "job " + job + " to make progress");
            ProcessHandle agent = ProcessHandle.of(agentPid()).orElseThrow();
            agent.destroyForcibly();
            agent.onExit().get();

            Files.writeString(conf, original);
            assertEquals(0, deployment.run("up").exitCode(), "up restarts the agent");
            Await.until(() -> !text(op, "SELECT state FROM lanfree.jobs WHERE job_id = " + job).equals("running"),
                    Duration.ofSeconds(30), "the restarted agent to end job " + job);
            String failed = row(op, job);
            assertTrue(failed.startsWith("failed|") && failed.contains("the db-agent running it stopped"), failed);
            assertEquals(goodBefore, good(dataset), "no good backup from the killed run");
            Await.until(() -> scalar(op, "SELECT count(*) FROM pg_replication_slots WHERE temporary") == 0,
                    Duration.ofSeconds(30), "the killed backup's temporary slot to go");

            long next = scalar(op, "SELECT lanfree.backup()");
            assertEquals("done", follow(op, next, new ArrayList<>()), row(op, next));

            stopMediaServer();
            try {
                long refused = scalar(op, "SELECT lanfree.backup()");
                assertEquals("failed", follow(op, refused, new ArrayList<>()), row(op, refused));
                String why = text(op, "SELECT error FROM lanfree.jobs WHERE job_id = " + refused);
                assertTrue(why.contains("cannot reach the media server at 127.0.0.1:"
                        + deployment.config().agents().port()) && why.contains("lanfree status"), why);
            } finally {
                assertEquals(0, deployment.run("up").exitCode(), "up starts the media server again");
            }
            assertEquals(1, scalar(op, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'lanfree_db_agent'"
                    + " AND datname = 'postgres'"), "one agent session: the server is healthy and watched");
        } finally {
            Files.writeString(conf, original);
        }
    }

    /** The running cluster of {@code version}, with install.sql, an operator, and registered with the agent. */
    private static synchronized PostgresCluster cluster(PostgresVersion version) throws Exception {
        PostgresCluster existing = CLUSTERS.get(version);
        if (existing != null) {
            return existing;
        }
        PostgresCluster pg = PostgresCluster.start(version, dir.resolve("pg" + version.major()), ClusterOptions.defaults());
        CLUSTERS.put(version, pg);
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            s.execute(Files.readString(INSTALL_SQL));
            s.execute("CREATE ROLE " + OPERATOR + " LOGIN PASSWORD '" + PASSWORD + "' IN ROLE lanfree_operator");
            s.execute("CREATE ROLE stranger LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE TABLE writes (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())");
        }
        Cli.Result add = deployment.run("db-agent", "add", "--pgurl", "postgresql://" + pg.superuser() + ":"
                + pg.password() + "@127.0.0.1:" + pg.port() + "/postgres");
        assertEquals(0, add.exitCode(), add.toString());
        assertTrue(add.out().contains("the db-agent is listening"), add.toString());
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "stranger", PASSWORD)) {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> scalar(c, "SELECT lanfree.backup()"));
            assertTrue(e.getMessage().contains("not a member of lanfree_operator"), e.getMessage());
        }
        return pg;
    }

    private static Connection operator(PostgresCluster pg) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl("postgres"), OPERATOR, PASSWORD);
    }

    /** Polls the job until it ends, adding each state seen that differs from the last one. */
    private static String follow(Connection op, long job, List<String> states) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            String state = text(op, "SELECT state FROM lanfree.jobs WHERE job_id = " + job);
            if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
                states.add(state);
            }
            if (state.equals("done") || state.equals("failed")) {
                return state;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + job + " did not end: " + row(op, job) + "\n" + deployment.log("db-agent"));
    }

    private static String row(Connection op, long job) throws SQLException {
        return text(op, "SELECT state || '|' || coalesce(error, '') || '|' || coalesce(backup_id::text, '')"
                + " FROM lanfree.jobs WHERE job_id = " + job);
    }

    private static List<String> good(String dataset) throws Exception {
        return deployment.query("SELECT backup_id FROM v_backups WHERE status = 'good' AND dataset = '" + dataset
                + "' ORDER BY backup_id");
    }

    private static long agentPid() throws Exception {
        return Long.parseLong(Files.readString(deployment.file("run/db-agent.pid")).strip());
    }

    private static void restartAgent() throws Exception {
        ProcessHandle.of(agentPid()).ifPresent(p -> {
            p.destroy();
            p.onExit().join();
        });
        assertEquals(0, deployment.run("up").exitCode());
    }

    private static void stopMediaServer() throws Exception {
        long pid = Long.parseLong(Files.readString(deployment.file("run/media-server.pid")).strip());
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
        p.destroy();
        p.onExit().get();
    }

    private static long scalar(Connection c, String sql) {
        return Long.parseLong(text(c, sql));
    }

    private static String text(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Commits one row at a time until stopped. */
    private static final class Writer {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong committed = new AtomicLong();
        private final Thread thread;

        Writer(PostgresCluster pg) {
            thread = Thread.ofPlatform().name("writer").start(() -> {
                try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
                    while (!stop.get()) {
                        s.execute("INSERT INTO writes DEFAULT VALUES");
                        committed.incrementAndGet();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        long committed() {
            return committed.get();
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }
}
