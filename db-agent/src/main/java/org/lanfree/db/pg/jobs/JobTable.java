package org.lanfree.db.pg.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.postgresql.PGConnection;

/**
 * {@code lanfree.jobs} as the db-agent sees it, over one pgjdbc connection in autocommit: LISTEN,
 * claim, progress, outcome. Every update commits at once, so users see it while the job runs.
 */
public final class JobTable {

    /** The NOTIFY channel {@code lanfree.backup()} signals. */
    public static final String CHANNEL = "lanfree_jobs";

    /** A claimed job. */
    public record Job(long id, String level) { }

    private final Connection c;

    public JobTable(Connection c) throws SQLException {
        this.c = c;
        c.setAutoCommit(true);
    }

    /** LISTENs and commits: from here on no request is missed, so scan for queued ones after this. */
    public void listen() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        }
    }

    /** True when install.sql has run in this database. */
    public boolean installed() throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('lanfree.jobs') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Ends running jobs whose agent session is gone (an agent killed or cut off mid-backup): their
     * backup was never stored, and nothing else would ever end them.
     */
    public int failOrphans() throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate("UPDATE lanfree.jobs SET state = 'failed', ended_at = now(), error = 'the db-agent"
                    + " running it stopped (its session, pid ' || agent_pid || ', ended) before the backup was stored;"
                    + " call lanfree.backup() again' WHERE state = 'running'"
                    + " AND agent_pid NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL)");
        }
    }

    /** Claims the oldest queued job for this session, if any; other agents skip it. */
    public Optional<Job> claim() throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("UPDATE lanfree.jobs SET state = 'running', started_at = now(),"
                     + " agent_pid = pg_backend_pid() WHERE job_id = (SELECT job_id FROM lanfree.jobs"
                     + " WHERE state = 'queued' ORDER BY job_id LIMIT 1 FOR UPDATE SKIP LOCKED)"
                     + " RETURNING job_id, level")) {
            return rs.next() ? Optional.of(new Job(rs.getLong(1), rs.getString(2))) : Optional.empty();
        }
    }

    public void progress(long jobId, long done, long total) throws SQLException {
        update("UPDATE lanfree.jobs SET bytes_done = ?, bytes_total = nullif(?, 0) WHERE job_id = ?", done, total,
                jobId);
    }

    public void done(long jobId, long backupId, long bytes) throws SQLException {
        update("UPDATE lanfree.jobs SET state = 'done', ended_at = now(), backup_id = ?, bytes_done = ?,"
                + " bytes_total = ? WHERE job_id = ?", backupId, bytes, bytes, jobId);
    }

    public void failed(long jobId, String error) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE lanfree.jobs SET state = 'failed', ended_at = now(),"
                + " error = ? WHERE job_id = ?")) {
            s.setString(1, error);
            s.setLong(2, jobId);
            s.executeUpdate();
        }
    }

    /** Waits up to {@code millis} for a NOTIFY; true when one came. */
    public boolean awaitNotification(int millis) throws SQLException {
        var n = c.unwrap(PGConnection.class).getNotifications(millis);
        return n != null && n.length > 0;
    }

    private void update(String sql, long... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setLong(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }
}
