package org.lanfree.db.pg.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.lanfree.connect.session.MediaSession;
import org.lanfree.connect.session.WalStager;
import org.lanfree.db.pg.jobs.MediaTarget;
import org.lanfree.db.pg.jobs.PgUrl;
import org.lanfree.db.pg.wal.Lsn;
import org.lanfree.db.pg.wal.WalSegments;
import org.lanfree.db.pg.wire.BackendMessage;
import org.lanfree.db.pg.wire.PgServerException;
import org.lanfree.db.pg.wire.QueryResult;
import org.lanfree.db.pg.wire.ReplicationConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives one cluster's WAL for as long as it runs: creates the slot {@value #SLOT} once
 * (RESERVE_WAL, so the WAL from then on is kept), streams from its restart_lsn, and stages each
 * completed segment with the media server. The flush position sent to PostgreSQL is the end of
 * the last segment the media server has made durable, so a crash of the agent, the media server
 * or the connection loses nothing: the slot still holds the rest, and the next run resends it
 * (a segment staged twice is acknowledged again). Lost connections are retried.
 */
public final class WalArchiver implements Runnable {

    /** The permanent slot's name. */
    public static final String SLOT = "lanfree_wal";

    private static final Logger LOG = LoggerFactory.getLogger(WalArchiver.class);
    private static final long RETRY_SECONDS = 5;
    private static final Duration ACK_WAIT = Duration.ofMinutes(1);

    private final PgUrl cluster;
    private final MediaTarget media;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile ReplicationConnection current;

    public WalArchiver(PgUrl cluster, MediaTarget media) {
        this.cluster = cluster;
        this.media = media;
    }

    public void stop() {
        stop.countDown();
        ReplicationConnection c = current;
        if (c != null) {
            c.close(); // ends the blocking read; the loop sees stop and returns
        }
    }

    @Override
    public void run() {
        String lastProblem = null;
        while (stop.getCount() > 0) {
            try (ReplicationConnection c = ReplicationConnection.open(cluster.replication()
                    .withApplicationName("lanfree_archiver").withReadTimeout(Duration.ZERO));
                 MediaSession session = media.open()) {
                current = c;
                archive(c, session.stager(ACK_WAIT));
            } catch (IOException | RuntimeException e) {
                if (stop.getCount() == 0) {
                    break;
                }
                String problem = String.valueOf(e.getMessage());
                if (!problem.equals(lastProblem)) {
                    LOG.warn("archiver {}: {}; retrying every {} s", cluster, problem, RETRY_SECONDS);
                    lastProblem = problem;
                }
            } finally {
                current = null;
            }
            try {
                stop.await(RETRY_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void archive(ReplicationConnection c, WalStager stager) throws IOException {
        int timeline = Integer.parseInt(c.queryOne("IDENTIFY_SYSTEM").value("timeline"));
        WalSegments segments = WalSegments.ofSetting(c.queryOne("SHOW wal_segment_size").rows().get(0).get(0));
        Lsn restart = slotRestart(c);
        Lsn start = segments.segmentStart(restart);
        LOG.info("archiver {}: streaming WAL from {} on timeline {} (slot {})", cluster, start, timeline, SLOT);
        c.send("START_REPLICATION SLOT \"" + SLOT + "\" PHYSICAL " + start + " TIMELINE " + timeline);
        BackendMessage first = c.next();
        if (!(first instanceof BackendMessage.CopyResponse r) || r.kind() != BackendMessage.CopyResponse.BOTH) {
            throw c.unexpected(first, "CopyBothResponse for START_REPLICATION from " + start);
        }
        SegmentBuffer segment = new SegmentBuffer(segments, start);
        Lsn flushed = start;
        while (stop.getCount() > 0) {
            BackendMessage m = c.next();
            if (!(m instanceof BackendMessage.CopyData d)) {
                throw c.unexpected(m, "CopyData with WAL or a keepalive (a timeline switch is not followed yet)");
            }
            ByteBuffer p = d.payload();
            byte kind = p.get();
            if (kind == 'w') {
                Lsn at = new Lsn(p.getLong());
                p.getLong();
                p.getLong();
                while (p.hasRemaining()) {
                    segment.put(at, p);
                    at = segment.position();
                    if (segment.full()) {
                        String name = segments.fileName(timeline, segment.start());
                        // durable on the media server before this returns: only then may the slot move on
                        stager.stage(cluster.dataset(), name, timeline, segment.start().value(),
                                segment.end().value(), new ByteArrayInputStream(segment.bytes()));
                        flushed = segment.end();
                        status(c, segment.end(), flushed);
                        segment.next();
                    }
                }
            } else if (kind == 'k') {
                p.getLong();
                p.getLong();
                if (p.get() != 0) {
                    // The server asks when idle and at shutdown, which waits until everything sent is
                    // confirmed flushed: the open segment goes to the pool as .partial (replaced by the
                    // next one, served under its plain name to a restore), then is confirmed.
                    if (flushed.isBefore(segment.position())) {
                        stager.stage(cluster.dataset(), segments.fileName(timeline, segment.start()) + ".partial",
                                timeline, segment.start().value(), segment.position().value(),
                                new ByteArrayInputStream(segment.bytes()));
                        flushed = segment.position();
                    }
                    status(c, segment.position(), flushed);
                }
            } else {
                throw new IllegalStateException("WAL stream message of type '" + (char) kind + "', expected 'w' or 'k'");
            }
        }
    }

    /** The slot's restart_lsn, creating the slot first when it does not exist. */
    private static Lsn slotRestart(ReplicationConnection c) {
        QueryResult slot = c.queryOne("READ_REPLICATION_SLOT \"" + SLOT + "\"");
        String restart = slot.rows().isEmpty() ? null : slot.value("restart_lsn");
        if (restart != null) {
            return Lsn.valueOf(restart);
        }
        try {
            c.query("CREATE_REPLICATION_SLOT \"" + SLOT + "\" PHYSICAL (RESERVE_WAL)");
        } catch (PgServerException e) {
            if (!"42710".equals(e.sqlState())) {
                throw e;
            }
        }
        return Lsn.valueOf(c.queryOne("READ_REPLICATION_SLOT \"" + SLOT + "\"").value("restart_lsn"));
    }

    private static void status(ReplicationConnection c, Lsn written, Lsn flushed) {
        byte[] status = StatusUpdate.encode(written, flushed);
        c.sendCopyData(status, 0, status.length);
    }
}
