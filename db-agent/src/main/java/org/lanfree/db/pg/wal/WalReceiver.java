package org.lanfree.db.pg.wal;

import java.nio.ByteBuffer;
import org.lanfree.db.pg.wire.BackendMessage;
import org.lanfree.db.pg.wire.PgProtocolException;
import org.lanfree.db.pg.wire.ReplicationConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the WAL from a physical slot, from the start of the segment holding {@code from}
 * up to {@code until}, into a {@link WalSegmentSink}:
 * <pre>
 *   C: START_REPLICATION SLOT s PHYSICAL X/X TIMELINE t      S: W (CopyBoth)
 *   S: d 'w' Int64 start, Int64 server end, Int64 time, WAL bytes   (may cross a segment)
 *   S: d 'k' Int64 server end, Int64 time, Byte1 reply-now
 *   C: d 'r' Int64 written, flushed, applied, Int64 time, Byte1 0   (on reply-now)
 *   C: c   S: c, C START_STREAMING, Z                              (once until is covered)
 * </pre>
 * WAL after {@code until} is not written, so the last segment holds exactly the range asked
 * for and its tail is zeros.
 */
public final class WalReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(WalReceiver.class);

    private final ReplicationConnection connection;
    private final WalSegments segments;

    public WalReceiver(ReplicationConnection connection, WalSegments segments) {
        this.connection = connection;
        this.segments = segments;
    }

    /** Streams {@code [segment start of from, until)} of {@code timeline} from {@code slot}; returns the segments written. */
    public int stream(String slot, int timeline, Lsn from, Lsn until, WalSegmentSink sink) {
        Lsn start = segments.segmentStart(from);
        connection.send("START_REPLICATION SLOT \"" + slot + "\" PHYSICAL " + start + " TIMELINE " + timeline);
        BackendMessage first = connection.next();
        if (!(first instanceof BackendMessage.CopyResponse r) || r.kind() != BackendMessage.CopyResponse.BOTH) {
            throw connection.unexpected(first, "CopyBothResponse (the server did not start streaming from " + start
                    + " on timeline " + timeline + ")");
        }
        SegmentCursor cursor = new SegmentCursor(timeline, start, sink);
        while (cursor.position.isBefore(until)) {
            BackendMessage m = connection.next();
            if (m instanceof BackendMessage.CopyData d) {
                onCopyData(d.payload(), cursor, until);
            } else if (m instanceof BackendMessage.CopyDone) {
                throw new PgProtocolException("the server ended the WAL stream at " + cursor.position + " before "
                        + until + " on timeline " + timeline + "; HINT: a timeline switch (promotion) during the"
                        + " backup is not followed yet; take the backup again");
            } else {
                throw connection.unexpected(m, "CopyData with WAL or a keepalive");
            }
        }
        cursor.finish();
        stop();
        LOG.debug("wal {}: streamed {} .. {} in {} segments", slot, start, until, cursor.segmentsDone);
        return cursor.segmentsDone;
    }

    private void onCopyData(ByteBuffer payload, SegmentCursor cursor, Lsn until) {
        byte kind = payload.get();
        switch (kind) {
            case 'w' -> {
                Lsn dataStart = new Lsn(payload.getLong());
                payload.getLong(); // the server's end of WAL
                payload.getLong(); // its send time
                if (!dataStart.equals(cursor.position)) {
                    throw new PgProtocolException("XLogData starts at " + dataStart + ", expected " + cursor.position
                            + " (the end of the previous one): the WAL stream has a gap");
                }
                int wanted = (int) Math.min(payload.remaining(), until.minus(cursor.position));
                cursor.write(payload.array(), payload.arrayOffset() + payload.position(), wanted);
            }
            case 'k' -> {
                payload.getLong();
                payload.getLong();
                if (payload.get() != 0) {
                    sendStatus(cursor.position);
                }
            }
            default -> throw new PgProtocolException("WAL stream message of type '" + (char) kind
                    + "', expected 'w' (XLogData) or 'k' (keepalive)");
        }
    }

    /** Standby status update: written and flushed up to {@code position}; applied is not tracked. */
    private void sendStatus(Lsn position) {
        byte[] status = StandbyStatus.encode(position, position);
        connection.sendCopyData(status, 0, status.length);
    }

    /** Client CopyDone, then whatever the server still sends until it is ready again. */
    private void stop() {
        connection.sendCopyDone();
        while (!(connection.next() instanceof BackendMessage.ReadyForQuery)) {
            // XLogData already in flight, the server's CopyDone and the command tags
        }
    }

    /** The current segment and position; splits writes at segment boundaries. */
    private final class SegmentCursor {

        private final int timeline;
        private final WalSegmentSink sink;
        private Lsn position;
        private long inSegment;
        private boolean open;
        private int segmentsDone;

        SegmentCursor(int timeline, Lsn start, WalSegmentSink sink) {
            this.timeline = timeline;
            this.position = start;
            this.sink = sink;
        }

        void write(byte[] data, int off, int len) {
            while (len > 0) {
                if (!open) {
                    sink.begin(segments.fileName(timeline, position), segments.size());
                    open = true;
                    inSegment = 0;
                }
                int n = (int) Math.min(len, segments.size() - inSegment);
                sink.write(data, off, n);
                off += n;
                len -= n;
                inSegment += n;
                position = position.plus(n);
                if (inSegment == segments.size()) {
                    closeSegment();
                }
            }
        }

        void finish() {
            if (open) {
                closeSegment();
            }
        }

        private void closeSegment() {
            sink.end(inSegment);
            open = false;
            segmentsDone++;
        }
    }
}
