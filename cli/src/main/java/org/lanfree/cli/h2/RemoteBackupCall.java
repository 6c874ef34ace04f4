package org.lanfree.cli.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.lanfree.cli.console.CommandFailure;

/**
 * A backup of a database served by an H2 server: {@code CALL LANFREE_BACKUP('full')} runs in the
 * server's JVM (the data goes from there through the array), while a second connection reads
 * the job's progress from {@code LANFREE.JOBS} once a second.
 */
final class RemoteBackupCall {

    private final H2Login login;

    RemoteBackupCall(H2Login login) {
        this.login = login;
    }

    BackupOutcome run(ProgressPrinter progress) {
        try (Connection call = login.connect(); Connection watch = login.connect()) {
            requirePlugin(call);
            long lastJob = single(watch, "SELECT COALESCE(MAX(JOB_ID), 0) FROM LANFREE.JOBS");
            long t0 = System.nanoTime();
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "h2-backup-call"));
            try {
                Future<Long> backup = executor.submit(() -> {
                    try (Statement s = call.createStatement(); ResultSet rs = s.executeQuery(
                            "CALL LANFREE_BACKUP('full')")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
                long backupId = await(backup, watch, lastJob, progress);
                try (PreparedStatement s = watch.prepareStatement("SELECT DATASET, SHA256, BYTES_READ, BYTES_SENT"
                        + " FROM LANFREE.JOBS WHERE BACKUP_ID = ? ORDER BY JOB_ID DESC LIMIT 1")) {
                    s.setLong(1, backupId);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        return new BackupOutcome(backupId, rs.getString(1), rs.getString(2), rs.getLong(3),
                                rs.getLong(4), (System.nanoTime() - t0) / 1e9, "server");
                    }
                }
            } finally {
                executor.shutdownNow();
            }
        } catch (SQLException e) {
            throw CommandFailure.failed("the backup of " + login.url() + " failed: " + e.getMessage(), e);
        }
    }

    private static long await(Future<Long> backup, Connection watch, long lastJob, ProgressPrinter progress)
            throws SQLException {
        while (true) {
            try {
                return backup.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                show(watch, lastJob, progress);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof SQLException s ? s : new SQLException(cause.toString(), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the backup", e);
            }
        }
    }

    private static void show(Connection watch, long lastJob, ProgressPrinter progress) throws SQLException {
        try (PreparedStatement s = watch.prepareStatement("SELECT BYTES_READ, DATABASE_BYTES, BYTES_SENT FROM"
                + " LANFREE.JOBS WHERE JOB_ID > ? ORDER BY JOB_ID DESC LIMIT 1")) {
            s.setLong(1, lastJob);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    progress.update(rs.getLong(1), rs.getLong(2), rs.getLong(3) + " archive bytes sent");
                }
            }
        }
    }

    private void requirePlugin(Connection conn) throws SQLException {
        if (single(conn, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.ROUTINES WHERE ROUTINE_NAME = 'LANFREE_BACKUP'") == 0
                || single(conn, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'LANFREE'"
                        + " AND TABLE_NAME = 'JOBS'") == 0) {
            throw CommandFailure.failed("the database at " + login.url() + " has no LANFREE_BACKUP function. HINT:"
                    + " put lanfree-h2-plugin.jar on the H2 server's classpath and run sql/h2/install.sql in that"
                    + " database (see sql/h2/README.md)");
        }
    }

    private static long single(Connection conn, String sql) throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
