package org.lanfree.db.pg.basebackup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.lanfree.db.pg.wal.Lsn;
import org.lanfree.testkit.postgres.PostgresCluster;

/**
 * Inserts rows with ids 1, 2, 3, ... one transaction each, on its own thread, and records for
 * each commit the WAL insert position just before COMMIT and just after it returned: the commit
 * record lies between the two, so a backup ending at LSN E must hold every row whose
 * {@code after <= E} and none whose {@code before >= E}.
 */
final class RowWriter implements AutoCloseable {

    record Commit(long id, Lsn before, Lsn after) { }

    private final Connection connection;
    private final String table;
    private final List<Commit> commits = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stop;
    private volatile Exception failure;

    RowWriter(PostgresCluster pg, String table) throws SQLException {
        this.connection = pg.connect("postgres");
        this.table = table;
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, payload text NOT NULL)");
        }
        connection.setAutoCommit(false);
        thread = new Thread(this::run, "row-writer-" + table);
        thread.start();
    }

    private void run() {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, repeat('x', 100))");
             PreparedStatement lsn = connection.prepareStatement("SELECT pg_current_wal_insert_lsn()::text")) {
            for (long id = 1; !stop; id++) {
                insert.setLong(1, id);
                insert.executeUpdate();
                Lsn before = query(lsn);
                connection.commit();
                Lsn after = query(lsn);
                connection.commit();
                synchronized (commits) {
                    commits.add(new Commit(id, before, after));
                    commits.notifyAll();
                }
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
    }

    private static Lsn query(PreparedStatement lsn) throws SQLException {
        try (ResultSet rs = lsn.executeQuery()) {
            rs.next();
            return Lsn.valueOf(rs.getString(1));
        }
    }

    /** Waits until {@code n} rows are committed. */
    void awaitCommits(int n) throws InterruptedException {
        synchronized (commits) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (commits.size() < n && failure == null) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new IllegalStateException("writer committed " + commits.size() + " rows in 30 s, expected " + n);
                }
                commits.wait(left);
            }
        }
        checkFailure();
    }

    /** Stops the writer and returns every commit it made. */
    List<Commit> stop() throws InterruptedException {
        stop = true;
        thread.join(30_000);
        checkFailure();
        synchronized (commits) {
            return List.copyOf(commits);
        }
    }

    private void checkFailure() {
        if (failure != null) {
            throw new IllegalStateException("row writer on " + table + " failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() throws SQLException {
        stop = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
