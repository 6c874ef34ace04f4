package org.lanfree.db.pg.jobs;

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
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lanfree.db.pg.testing.Clusters;
import org.lanfree.testkit.postgres.PostgresCluster;
import org.lanfree.testkit.postgres.PostgresVersion;

/**
 * sql/postgres/install.sql in a real cluster, and {@link JobTable} on the rows it makes: who may
 * request, what a request looks like before and after commit, claiming, and jobs of a stopped agent.
 */
@ExtendWith(Clusters.Extension.class)
class JobTableTest {

    static final Path INSTALL_SQL = Path.of("..", "sql", "postgres", "install.sql");

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V18"})
    void anOperatorQueuesAJobThatTheAgentHearsOfAndClaims(PostgresVersion version, Clusters clusters) throws Exception {
        PostgresCluster pg = clusters.get(version);
        String url = installed(pg, "jobs_claim");
        try (Connection agent = pg.connect("jobs_claim"); Connection op = login(url, "jobs_op")) {
            JobTable jobs = new JobTable(agent);
            jobs.listen();
            op.setAutoCommit(false);
            long id = scalar(op, "SELECT lanfree.backup()");
            assertEquals("queued|full|jobs_op", text(op, "SELECT state || '|' || level || '|' || requested_by"
                    + " FROM lanfree.jobs WHERE job_id = " + id));
            assertFalse(jobs.awaitNotification(200), "NOTIFY waits for the commit");
            op.commit();
            assertTrue(jobs.awaitNotification(10_000), "the agent hears of the request at commit");

            Optional<JobTable.Job> claimed = jobs.claim();
            assertEquals(Optional.of(new JobTable.Job(id, "full")), claimed);
            assertEquals(Optional.empty(), jobs.claim(), "one job, claimed once");
            jobs.progress(id, 100, 1000);
            assertEquals("running|100|1000", text(op, "SELECT state || '|' || bytes_done || '|' || bytes_total"
                    + " FROM lanfree.jobs WHERE job_id = " + id));
            jobs.done(id, 42, 1234);
            assertEquals("done|42|1234", text(op, "SELECT state || '|' || backup_id || '|' || bytes_done"
                    + " FROM lanfree.jobs WHERE job_id = " + id));
            op.commit();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V18"})
    void aRoleOutsideLanfreeOperatorIsRefusedWithTheGrantToAskFor(PostgresVersion version, Clusters clusters)
            throws Exception {
        PostgresCluster pg = clusters.get(version);
        String url = installed(pg, "jobs_refuse");
        try (Connection c = login(url, "jobs_stranger")) {
            SQLException e = assertThrows(SQLException.class, () -> scalar(c, "SELECT lanfree.backup()"));
            assertEquals("42501", e.getSQLState());
            assertTrue(e.getMessage().contains("role \"jobs_stranger\" may not request backups: it is not a member of"
                    + " lanfree_operator"), e.getMessage());
            assertTrue(e.getMessage().contains("GRANT lanfree_operator TO jobs_stranger"), e.getMessage());
        }
        try (Connection c = login(url, "jobs_op")) {
            SQLException e = assertThrows(SQLException.class, () -> scalar(c, "SELECT lanfree.backup('weekly')"));
            assertEquals("22023", e.getSQLState());
            assertTrue(e.getMessage().contains("unknown backup level 'weekly': expected 'full'"), e.getMessage());
        }
        try (Connection c = pg.connect("jobs_refuse")) {
            assertEquals(0, scalar(c, "SELECT count(*) FROM lanfree.jobs"), "nothing was queued");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V18"})
    void aJobWhoseAgentSessionEndedIsFailedByTheNextAgentAndRunningAgainIsHarmless(PostgresVersion version,
            Clusters clusters) throws Exception {
        PostgresCluster pg = clusters.get(version);
        String url = installed(pg, "jobs_orphan");
        long id;
        try (Connection op = login(url, "jobs_op")) {
            id = scalar(op, "SELECT lanfree.backup()");
        }
        try (Connection gone = pg.connect("jobs_orphan")) {
            assertEquals(id, new JobTable(gone).claim().orElseThrow().id());
        }
        try (Connection next = pg.connect("jobs_orphan")) {
            org.lanfree.testkit.Await.until(() -> {
                try {
                    return new JobTable(next).failOrphans() == 1;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, java.time.Duration.ofSeconds(10), "the first agent's session to end");
            assertTrue(text(next, "SELECT state || '|' || error FROM lanfree.jobs WHERE job_id = " + id)
                    .startsWith("failed|the db-agent running it stopped"));
            // install.sql again keeps the jobs
            try (Statement s = next.createStatement()) {
                s.execute(Files.readString(INSTALL_SQL));
            }
            assertEquals(1, scalar(next, "SELECT count(*) FROM lanfree.jobs"));
        }
    }

    /** A new database of {@code pg} with install.sql run in it, an operator and a stranger; its JDBC URL. */
    private static String installed(PostgresCluster pg, String db) throws Exception {
        String url = pg.createDatabase(db);
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            s.execute(Files.readString(INSTALL_SQL));
            s.execute("DO $$ BEGIN CREATE ROLE jobs_op LOGIN PASSWORD '" + Clusters.PASSWORD + "';"
                    + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            s.execute("DO $$ BEGIN CREATE ROLE jobs_stranger LOGIN PASSWORD '" + Clusters.PASSWORD + "';"
                    + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            s.execute("GRANT lanfree_operator TO jobs_op");
        }
        return url;
    }

    private static Connection login(String url, String role) throws SQLException {
        return DriverManager.getConnection(url, role, Clusters.PASSWORD);
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        return Long.parseLong(text(c, sql));
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
