package org.lanfree.cli.h2;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Commits rows 1, 2, 3, ... into {@code NUMBERS(N, PAD)}, one transaction each, on its own
 * thread until stopped. {@link #committed()} is the highest number whose commit has returned.
 */
final class NumberedWriter implements AutoCloseable {

    private final String url;
    private final AtomicLong committed = new AtomicLong();
    private final Thread thread;
    private volatile boolean stop;
    private volatile Exception failure;

    NumberedWriter(String url) throws Exception {
        this.url = url;
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS NUMBERS(N BIGINT PRIMARY KEY, PAD VARCHAR(200))");
        }
        thread = new Thread(this::write, "numbered-writer");
        thread.start();
    }

    long committed() {
        return committed.get();
    }

    /** The writer's error, if it stopped on one. */
    Exception failure() {
        return failure;
    }

    /** Waits until at least {@code rows} rows are committed. */
    NumberedWriter awaitRows(long rows) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (committed.get() < rows) {
            if (failure != null || System.nanoTime() > deadline) {
                throw new AssertionError("the writer committed " + committed.get() + " rows, expected " + rows, failure);
            }
            Thread.sleep(5);
        }
        return this;
    }

    private void write() {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO NUMBERS VALUES (?, ?)")) {
                for (long n = committed.get() + 1; !stop; n++) {
                    insert.setLong(1, n);
                    insert.setString(2, "row " + n + " ".repeat(100));
                    insert.executeUpdate();
                    c.commit();
                    committed.set(n);
                }
            }
        } catch (Exception e) {
            if (!stop) {
                failure = e;
            }
        }
    }

    /** Stops the writer; returns how many rows it committed. */
    long stop() throws Exception {
        stop = true;
        thread.join(30_000);
        return committed.get();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
