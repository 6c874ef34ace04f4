package org.lanfree.media.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import org.lanfree.connect.Conn;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Frame;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameType;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.connect.wire.WireException;
import org.lanfree.media.catalog.BackupKind;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.CatalogException;
import org.lanfree.media.catalog.Dataset;
import org.lanfree.media.staging.DiskStagingPool;
import org.lanfree.media.staging.Segment;
import org.lanfree.media.staging.SegmentWriter;
import org.lanfree.media.staging.StagingException;
import org.lanfree.media.staging.StreamKey;
import org.lanfree.media.staging.TapeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WAL sessions: an agent stages segments into the disk staging pool, or fetches them back, any
 * number on one session.
 *
 * <pre>
 * agent                                        media server
 *   StageSegment(segment, tli, lsns) DATA* END ──▶  written, fsynced, put in place, WAL range in the catalog
 *                                          ◀──  SegmentStaged(segment, sha256)      or ERROR, session ends
 *   FetchSegment(segment)                  ──▶  from the pool's disk, or from tape (checked first)
 *                                          ◀──  SegmentStart(segment, bytes, sha256) DATA* END   or ERROR
 * </pre>
 *
 * A segment is acknowledged only once it is durable, so the agent may then confirm it to the
 * database. Sending a segment that is already staged with the same bytes is acknowledged again (an
 * agent retrying after a lost acknowledgement); with other bytes it is refused. Segments named
 * {@code *.partial} may be replaced and get no WAL range (the finished segment brings it). Each
 * client's cluster is its own stream, {@code CLIENT/DATASET/wal}.
 */
final class WalSessions {

    private static final Logger log = LoggerFactory.getLogger(WalSessions.class);
    private static final int FRAME_BYTES = 1 << 20;

    private final Catalog catalog;
    private final DiskStagingPool pool;
    private final TapeSource tape;

    WalSessions(Catalog catalog, DiskStagingPool pool, TapeSource tape) {
        this.catalog = catalog;
        this.pool = pool;
        this.tape = tape;
    }

    /** Serves the session that opened with {@code first}, until the agent closes it or a segment fails. */
    void serve(int session, Conn conn, String client, Message first) throws IOException {
        String name = "session " + session;
        FrameReader in = new FrameReader(conn);
        FrameWriter out = new FrameWriter(conn);
        Message request = first;
        while (true) {
            boolean goOn;
            try {
                goOn = switch (request) {
                    case Message.StageSegment stage -> stage(name, client, stage, in, out);
                    case Message.FetchSegment fetch -> fetch(name, client, fetch, out);
                    default -> throw new WireException(ErrorCode.UNEXPECTED_FRAME, "a WAL session carries StageSegment"
                            + " and FetchSegment; got " + request);
                };
            } catch (WireException e) {
                log.warn("{}: WAL session of client {}: {}", name, client, e.getMessage());
                out.writeError(e.code(), e.detail());
                return;
            }
            if (!goOn) {
                return;
            }
            try {
                request = in.readMessage(Duration.ZERO);
            } catch (WireException e) {
                if (e.code() == ErrorCode.PEER_CLOSED) {
                    return;
                }
                throw e;
            }
        }
    }

    private boolean stage(String name, String client, Message.StageSegment request, FrameReader in, FrameWriter out)
            throws IOException {
        Dataset dataset = cluster(client, request.client(), request.dataset());
        StreamKey stream = stream(client, request.dataset());
        Optional<Segment> existing = pool.segment(stream, request.segment());
        boolean again = existing.isPresent() && !request.segment().endsWith(".partial");
        MessageDigest sha256 = sha256();
        long bytes = 0;
        SegmentWriter writer = again ? null : open(stream, request.segment());
        try {
            while (true) {
                Frame frame = in.next();
                if (frame.type() == FrameType.END) {
                    String theirs = HexFormat.of().formatHex(SegmentEnd.decode(frame.payload()).sha256());
                    String ours = HexFormat.of().formatHex(sha256.digest());
                    if (!ours.equals(theirs)) {
                        throw new WireException(ErrorCode.BAD_CRC, "segment " + request.segment() + ": its " + bytes
                                + " bytes give SHA-256 " + ours + ", the agent says " + theirs + "; nothing was kept");
                    }
                    if (again) {
                        return acknowledgeAgain(name, existing.get(), ours, out);
                    }
                    Segment segment = commit(writer, request.segment());
                    writer = null;
                    record(name, dataset, request, segment);
                    out.writeMessage(new Message.SegmentStaged(request.segment(), segment.sha256()));
                    return true;
                }
                if (frame.type() != FrameType.DATA) {
                    throw new WireException(ErrorCode.UNEXPECTED_FRAME, "a " + frame.type() + " frame in segment "
                            + request.segment() + "; expected DATA or END");
                }
                ByteBuffer payload = frame.payload();
                sha256.update(payload.duplicate());
                bytes += payload.remaining();
                if (writer != null) {
                    write(writer, payload);
                }
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }

    private boolean acknowledgeAgain(String name, Segment existing, String sha256, FrameWriter out) throws IOException {
        if (!existing.sha256().equals(sha256)) {
            throw new WireException(ErrorCode.REFUSED, existing + " is already staged with SHA-256 "
                    + existing.sha256() + "; these bytes give " + sha256 + ". HINT: a WAL segment never changes once"
                    + " finished; check that the agent streams the right cluster");
        }
        log.info("{}: {} was already staged with the same bytes; acknowledged again", name, existing);
        out.writeMessage(new Message.SegmentStaged(existing.name(), existing.sha256()));
        return true;
    }

    private boolean fetch(String name, String client, Message.FetchSegment request, FrameWriter out) throws IOException {
        cluster(client, request.client(), request.dataset());
        StreamKey stream = stream(client, request.dataset());
        Segment segment = pool.segment(stream, request.segment()).orElse(null);
        if (segment == null) {
            // Recovery asks for segments that do not exist yet (the next one, a history file): not an error of the session.
            out.writeError(ErrorCode.REFUSED, "stream " + stream + " has no segment " + request.segment());
            return true;
        }
        try (InputStream data = pool.open(stream, request.segment(), tape)) {
            out.writeMessage(new Message.SegmentStart(segment.name(), segment.bytes(), segment.sha256()));
            byte[] chunk = new byte[FRAME_BYTES];
            int n;
            while ((n = data.readNBytes(chunk, 0, chunk.length)) > 0) {
                out.writeData(ByteBuffer.wrap(chunk, 0, n));
            }
        } catch (StagingException e) {
            throw new WireException(ErrorCode.IO_FAILED, "cannot read " + segment + ": " + e.getMessage());
        }
        out.writeEnd(new SegmentEnd(HexFormat.of().parseHex(segment.sha256())));
        log.debug("{}: sent {} ({} bytes, {})", name, segment, segment.bytes(), segment.place());
        return true;
    }

    private Dataset cluster(String client, String asked, String dataset) throws WireException {
        if (!asked.equals(client)) {
            throw new WireException(ErrorCode.REFUSED, "session of client " + client + " asked for WAL of " + asked
                    + "; expected its own");
        }
        try {
            return catalog.datasets().findOrAdd(client, BackupKind.PG, dataset);
        } catch (CatalogException e) {
            throw new WireException(ErrorCode.INTERNAL, "the catalog refused WAL of " + client + ":" + dataset + ": "
                    + e.getMessage());
        }
    }

    private static StreamKey stream(String client, String dataset) throws WireException {
        try {
            return StreamKey.valueOf(client + "/" + dataset + "/wal");
        } catch (IllegalArgumentException e) {
            throw new WireException(ErrorCode.REFUSED, "cluster " + client + ":" + dataset + " cannot stage WAL: "
                    + e.getMessage());
        }
    }

    private SegmentWriter open(StreamKey stream, String segment) throws WireException {
        try {
            return pool.openSegment(stream, segment);
        } catch (IllegalArgumentException e) {
            throw new WireException(ErrorCode.REFUSED, e.getMessage());
        } catch (IOException e) {
            throw new WireException(ErrorCode.REFUSED, "cannot stage segment " + segment + ": " + e.getMessage());
        }
    }

    private static void write(SegmentWriter writer, ByteBuffer payload) throws WireException {
        try {
            writer.write(payload);
        } catch (IOException e) {
            throw new WireException(ErrorCode.IO_FAILED, e.getMessage());
        }
    }

    private static Segment commit(SegmentWriter writer, String segment) throws WireException {
        try {
            return writer.commit();
        } catch (IOException e) {
            throw new WireException(ErrorCode.IO_FAILED, "cannot make segment " + segment + " durable: "
                    + e.getMessage());
        }
    }

    /** The WAL range in the catalog; a failure here leaves the segment staged, and is only logged. */
    private void record(String name, Dataset dataset, Message.StageSegment request, Segment segment) {
        if (request.segment().endsWith(".partial") || request.timeline() == 0
                || Long.compareUnsigned(request.endLsn(), request.startLsn()) <= 0) {
            return;
        }
        try {
            catalog.wal().add(dataset.id(), request.timeline(), request.startLsn(), request.endLsn(), segment.member(),
                    segment.sha256());
        } catch (CatalogException e) {
            log.warn("{}: {} is staged, but the catalog refused its WAL range: {}", name, segment, e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
