package org.lanfree.h2plugin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Records a job in {@code LANFREE.JOBS} through a session of its own, committing each change at
 * once: others watch the progress while the backup's statement runs, and a failure stays
 * recorded. Recording is best effort: when the database is closing the backup fails anyway, and
 * the media server's catalog is the record of what is good.
 */
public final class TableJobLog implements JobLog {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final LocalDatabase.OwnSession own;
    private final Connection conn;
    private long jobId = -1;
    private long lastNanos = System.nanoTime();
    private boolean broken;

    private TableJobLog(LocalDatabase.OwnSession own) {
        this.own = own;
        this.conn = own.conn();
    }

    /** A log into {@code LANFREE.JOBS}, or {@link JobLog#NONE} when the install script has not run. */
    public static JobLog open(LocalDatabase db) throws SQLException {
        LocalDatabase.OwnSession own = db.autonomousSession();
        if (own == null) {
            return JobLog.NONE;
        }
        try (Statement s = own.conn().createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM"
                + " INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'LANFREE' AND TABLE_NAME = 'JOBS'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                own.close();
                return JobLog.NONE;
            }
        } catch (SQLException | RuntimeException e) {
            own.close();
            throw e;
        }
        return new TableJobLog(own);
    }

    /** The job's row, or -1 before {@link #started}. */
    long jobId() {
        return jobId;
    }

    @Override
    public void started(String level, String dataset, long databaseBytes, String mediaServer) {
        try (PreparedStatement s = conn.prepareStatement("INSERT INTO LANFREE.JOBS (LEVEL, STATE, DATASET, STARTED,"
                + " DATABASE_BYTES, MEDIA_SERVER) VALUES (?, 'running', ?, CURRENT_TIMESTAMP, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, level);
            s.setString(2, dataset);
            s.setLong(3, databaseBytes);
            s.setString(4, mediaServer);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                jobId = keys.getLong(1);
            }
        } catch (SQLException e) {
            broken = true;
        }
    }

    @Override
    public void copying(long bytes) {
        update("UPDATE LANFREE.JOBS SET DATABASE_BYTES = ? WHERE JOB_ID = ?", bytes, jobId);
    }

    @Override
    public void progress(long read, long sent) {
        long now = System.nanoTime();
        if (now - lastNanos < INTERVAL_NANOS) {
            return;
        }
        lastNanos = now;
        update("UPDATE LANFREE.JOBS SET BYTES_READ = ?, BYTES_SENT = ? WHERE JOB_ID = ?", read, sent, jobId);
    }

    @Override
    public void good(long backupId, String sha256, long read, long sent) {
        update("UPDATE LANFREE.JOBS SET STATE = 'good', ENDED = CURRENT_TIMESTAMP, BACKUP_ID = ?, SHA256 = ?,"
                + " BYTES_READ = ?, BYTES_SENT = ? WHERE JOB_ID = ?", backupId, sha256, read, sent, jobId);
    }

    @Override
    public void failed(String error) {
        update("UPDATE LANFREE.JOBS SET STATE = 'failed', ENDED = CURRENT_TIMESTAMP, ERROR = ? WHERE JOB_ID = ?",
                error.length() > 4000 ? error.substring(0, 4000) : error, jobId);
    }

    private void update(String sql, Object... values) {
        if (broken || jobId < 0) {
            return;
        }
        try (PreparedStatement s = conn.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            broken = true; // the database is closing: the backup's own error says why
        }
    }

    @Override
    public void close() {
        try {
            own.close();
        } catch (RuntimeException e) {
            // the database is closing: it closes this session with it
        }
    }
}
