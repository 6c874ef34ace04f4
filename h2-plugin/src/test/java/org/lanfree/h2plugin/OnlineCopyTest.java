package org.lanfree.h2plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.tools.Restore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** H2's online copy, written to a plain stream while a writer commits rows. */
class OnlineCopyTest {

    @TempDir
    Path dir;

    @Test
    void aCopyTakenWhileRowsAreCommittedHoldsAGapFreePrefixWithEveryRowCommittedBeforeIt() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("live/app");
        try (Connection keep = DriverManager.getConnection(url, "sa", "");
             NumberedWriter writer = new NumberedWriter(url).awaitRows(2_000)) {
            long before = writer.committed();
            Path zip = dir.resolve("app.zip");
            AtomicLong reported = new AtomicLong();
            long read;
            try (OutputStream out = Files.newOutputStream(zip)) {
                read = OnlineCopy.write(LocalDatabase.of(keep), out, 1, (r, s) -> reported.set(r));
            }
            long after = writer.stop();
            assertTrue(read > 0 && reported.get() > 0, "progress was reported: " + reported);

            Restore.execute(zip.toString(), dir.resolve("restored").toString(), "app");
            try (Connection c = DriverManager.getConnection("jdbc:h2:" + dir.resolve("restored/app")
                    + ";IFEXISTS=TRUE", "sa", "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(N), MAX(N) FROM NUMBERS")) {
                rs.next();
                long count = rs.getLong(1);
                long max = rs.getLong(3);
                assertEquals(1, rs.getLong(2));
                assertEquals(count, max, "no gaps: rows 1.." + max);
                assertTrue(max >= before, "every row committed before the copy started is in it: " + max + " < "
                        + before);
                assertTrue(max <= after, "nothing the writer did not commit: " + max + " > " + after);
            }
        }
    }

    @Test
    void aCopySlowerThanTheWriterEndsWhereTheFileEndedAtItsStart() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("busy/app");
        Path file = dir.resolve("busy/app.mv.db");
        try (Connection keep = DriverManager.getConnection(url, "sa", "");
             NumberedWriter writer = new NumberedWriter(url).awaitRows(20_000)) {
            long before = writer.committed();
            long sizeBefore = Files.size(file);
            Path zip = dir.resolve("busy.zip");
            long read = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (OutputStream out = new Throttled(Files.newOutputStream(zip), 2_000_000)) {
                    return OnlineCopy.write(LocalDatabase.of(keep), out, 0, Progress.NONE);
                }
            }, "a copy that chased the growing file would not end");
            long sizeAfter = Files.size(file);
            writer.stop();
            assertTrue(sizeAfter - sizeBefore > 2 * (read - sizeBefore), "the copy read " + read + " bytes of a file"
                    + " that grew from " + sizeBefore + " to " + sizeAfter + " meanwhile: it must stop near the start");

            Restore.execute(zip.toString(), dir.resolve("busy-restored").toString(), "app");
            long max;
            try (Connection c = DriverManager.getConnection("jdbc:h2:" + dir.resolve("busy-restored/app")
                    + ";IFEXISTS=TRUE", "sa", "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(N) FROM NUMBERS")) {
                rs.next();
                assertEquals(rs.getLong(1), rs.getLong(2), "no gaps");
                max = rs.getLong(2);
            }
            assertTrue(max >= before, max + " < " + before);
        }
    }

    /** A stream that lets {@code bytesPerSecond} through, as a slow media server would. */
    private static final class Throttled extends java.io.FilterOutputStream {

        private final long bytesPerSecond;
        private final long start = System.nanoTime();
        private long written;

        Throttled(OutputStream out, long bytesPerSecond) {
            super(out);
            this.bytesPerSecond = bytesPerSecond;
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
            written += len;
            long due = start + written * 1_000_000_000L / bytesPerSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("throttled write interrupted");
                }
            }
        }
    }
}
