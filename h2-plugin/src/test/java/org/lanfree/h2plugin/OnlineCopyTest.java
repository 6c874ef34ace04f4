package org.lanfree.h2plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
}
