package org.lanfree.db.pg.basebackup;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.lanfree.db.pg.wal.ConcurrentWalStream;
import org.lanfree.db.pg.wal.Lsn;
import org.lanfree.db.pg.wal.WalReceiver;
import org.lanfree.db.pg.wal.WalSegments;
import org.lanfree.db.pg.wire.ReplicationConnection;

/**
 * The WAL a base backup needs, on the backup's second session. {@link #reserve} creates a
 * temporary physical slot with RESERVE_WAL before BASE_BACKUP, so no checkpoint can recycle
 * the backup's WAL. Once BASE_BACKUP names its start, a {@link ConcurrentWalStream} follows the
 * WAL beside the data, and whole segments go into the tar between the data's members
 * ({@link #betweenMembers}); the server releases each one as it is taken. What is left at the
 * end (the segments after a pause, and the last one, cut at the end LSN) is streamed from the
 * slot by {@link #complete}. Closing the session drops the slot.
 */
final class BackupWal {

    /** Segments that may wait in memory for a member boundary, beside the one being filled. */
    private static final int QUEUED_SEGMENTS = 1;
    /** Larger segments are not held in memory: all WAL then comes from the slot after the data. */
    private static final long MAX_CONCURRENT_SEGMENT = 64L << 20;

    private final ReplicationConnection session;
    private final WalSegments segments;
    private final TarWalSink sink;
    private String slot;
    private ConcurrentWalStream stream;

    BackupWal(ReplicationConnection session, WalSegments segments, TarWalSink sink) {
        this.session = session;
        this.segments = segments;
        this.sink = sink;
    }

    void reserve() {
        slot = "lanfree_bb_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        session.query("CREATE_REPLICATION_SLOT \"" + slot + "\" TEMPORARY PHYSICAL (RESERVE_WAL)");
    }

    /** BASE_BACKUP has checkpointed: follow the WAL from its start. */
    void onStarted(Lsn start, int timeline) {
        if (segments.size() <= MAX_CONCURRENT_SEGMENT) {
            stream = new ConcurrentWalStream(session, segments, slot, timeline, start, QUEUED_SEGMENTS);
            stream.start();
        }
    }

    /** The tar is between two members: complete segments go in now. */
    void betweenMembers() {
        if (stream != null) {
            stream.drain(sink::add);
        }
    }

    /** The data is complete: adds the rest of {@code [start, end)} and returns the number of segment files written. */
    int complete(Lsn start, Lsn end, int timeline) {
        Lsn from = stream == null ? segments.segmentStart(start) : stream.finish(end, sink::add);
        if (from.isBefore(end)) {
            new WalReceiver(session, segments).stream(slot, timeline, from, end, sink);
        }
        return sink.segments();
    }

    /** The backup failed: stop following the WAL. */
    void abandon() {
        if (stream != null) {
            stream.abandon();
        }
    }
}
