package org.lanfree.cli.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's application: one session committing small rows as fast as it can, one
 * transaction each, so its rate shows what a backup costs the database's users.
 */
final class RowWriter implements AutoCloseable {

    private final AtomicLong rows = new AtomicLong();
    private final Thread thread;
    private final String url;
    private volatile boolean stop;
    private volatile SQLException failure;

    RowWriter(String url) throws SQLException {
        this.url = url;
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS WRITES(ID BIGINT PRIMARY KEY, AT TIMESTAMP, NOTE VARCHAR(200))");
        }
        thread = new Thread(this::write, "bench-row-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Rows committed so far. */
    long rows() {
        if (failure != null) {
            throw new IllegalStateException("the benchmark's writer failed: " + failure.getMessage(), failure);
        }
        return rows.get();
    }

    /** Rows per second over the next {@code millis}. */
    double rateOver(long millis) throws InterruptedException {
        long r0 = rows();
        long t0 = System.nanoTime();
        Thread.sleep(millis);
        return (rows() - r0) / ((System.nanoTime() - t0) / 1e9);
    }

    private void write() {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            long id;
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COALESCE(MAX(ID), 0) FROM WRITES")) {
                rs.next();
                id = rs.getLong(1);
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO WRITES VALUES (?, CURRENT_TIMESTAMP, 'order placed by customer ' || ?)")) {
                while (!stop) {
                    id++;
                    insert.setLong(1, id);
                    insert.setLong(2, id % 100_000);
                    insert.executeUpdate();
                    c.commit();
                    rows.incrementAndGet();
                }
            }
        } catch (SQLException e) {
            if (!stop) {
                failure = e;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(30_000);
    }
}
