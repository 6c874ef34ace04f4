package org.lanfree.db.pg.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lanfree.db.pg.testing.Clusters;
import org.lanfree.db.pg.wire.ReplicationConnection;
import org.lanfree.testkit.Await;
import org.lanfree.testkit.postgres.PostgresCluster;
import org.lanfree.testkit.postgres.PostgresVersion;

/** The WAL followed on its own thread: whole segments in order, a pause when nobody takes them, flush as they are taken. */
@ExtendWith(Clusters.Extension.class)
class ConcurrentWalStreamTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V17"})
    void pausesWhenNotDrainedResumesFromTheSlotAndReleasesWhatWasTaken(PostgresVersion version, Clusters clusters)
            throws Exception {
        PostgresCluster pg = clusters.get(version);
        WalSegments segments = new WalSegments(16 << 20);
        try (ReplicationConnection session = ReplicationConnection.open(Clusters.superuser(pg));
             Connection sql = pg.connect("postgres"); Statement s = sql.createStatement()) {
            session.query("CREATE_REPLICATION_SLOT \"cws_test\" TEMPORARY PHYSICAL (RESERVE_WAL)");
            Lsn from = lsn(s, "SELECT pg_current_wal_lsn()::text");
            ConcurrentWalStream stream = new ConcurrentWalStream(session, segments, "cws_test", 1, from, 1);
            stream.start();
            for (int i = 0; i < 4; i++) {
                s.execute("CREATE TABLE IF NOT EXISTS cws (x int); INSERT INTO cws VALUES (1)");
                s.execute("SELECT pg_switch_wal()");
            }
            Await.until(stream::paused, Duration.ofSeconds(30), "the stream to pause with a full queue");
            assertTrue(lsn(s, restartLsn()).compareTo(from) <= 0, "nothing taken, nothing released");

            List<ConcurrentWalStream.Segment> taken = new CopyOnWriteArrayList<>();
            Await.until(() -> {
                stream.drain(taken::add);
                return taken.size() >= 4;
            }, Duration.ofSeconds(30), "four segments drained across pauses");
            Lsn expected = segments.segmentStart(from);
            for (ConcurrentWalStream.Segment seg : taken) {
                assertEquals(expected, seg.start(), "segments follow each other");
                assertEquals(segments.fileName(1, expected), seg.fileName());
                assertEquals(expected.value(), ByteBuffer.wrap(seg.data()).order(ByteOrder.LITTLE_ENDIAN).getLong(8),
                        "the first page header names the segment's own position");
                expected = seg.end();
            }
            assertTrue(stream.pauses() >= 1, "paused at least once");
            Lsn fourth = taken.get(3).end();
            Await.until((Callable<Boolean>) () -> {
                stream.drain(taken::add);
                return !lsn(s, restartLsn()).isBefore(fourth);
            }, Duration.ofSeconds(30), "the slot to release what was taken, up to " + fourth);
            Lsn end = lsn(s, "SELECT pg_current_wal_lsn()::text");
            Lsn handed = stream.finish(end, taken::add);
            assertEquals(taken.get(taken.size() - 1).end(), handed);
            assertEquals("1", session.queryOne("IDENTIFY_SYSTEM").value("timeline"), "the session is usable again");
        }
    }

    private static String restartLsn() {
        return "SELECT restart_lsn::text FROM pg_replication_slots WHERE slot_name = 'cws_test'";
    }

    private static Lsn lsn(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return Lsn.valueOf(rs.getString(1));
        }
    }
}
