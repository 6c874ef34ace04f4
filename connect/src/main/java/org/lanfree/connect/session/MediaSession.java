package org.lanfree.connect.session;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.handshake.DbClientHandshake;
import org.lanfree.connect.handshake.DbSession;
import org.lanfree.connect.handshake.StgGrant;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

/**
 * One session of an agent with the media server: the client-initiated handshake, then one backup
 * stored, one backup read back, or a run of WAL segments staged or fetched, all of it through the
 * array. Close it when done; closing a
 * store that was not finished makes the media server fail that backup.
 */
public final class MediaSession implements Closeable {

    /** How long the media server may take to find a backup's first cartridge and start sending. */
    public static final Duration DEFAULT_START_WAIT = Duration.ofMinutes(5);

    private final DbSession session;
    private final StgGrant grant;
    private boolean used;

    private MediaSession(DbSession session, StgGrant grant) {
        this.session = session;
        this.grant = grant;
    }

    /**
     * Runs the handshake with the media server's well-known port {@code wkp} as agent
     * {@code client}; the media server calls back on {@code callbackHost}.
     */
    public static MediaSession open(SocketLayer layer, SockAddr.Net wkp, String client, String callbackHost,
            SharedSecret secret) throws IOException {
        DbClientHandshake handshake = new DbClientHandshake(wkp, client, callbackHost,
                DbClientHandshake.defaultTimeouts());
        DbSession session = handshake.open(layer, secret);
        return new MediaSession(session, handshake.grant());
    }

    /** The STG group (and ring length) the media server granted this session's data connection. */
    public StgGrant grant() {
        return grant;
    }

    /** The client name the session was opened as. */
    public String client() {
        return session.client();
    }

    /** Asks the media server to store what is written to the returned stream as a backup. */
    public BackupUpload store(Message.StoreBackup request) throws IOException {
        claim();
        FrameWriter out = new FrameWriter(session.data());
        out.writeMessage(request);
        return new BackupUpload(out, new FrameReader(session.data()));
    }

    /**
     * Asks the media server for backup {@code backupId}; returns once it has started sending (it
     * may have to mount a cartridge first, for up to {@code startWait}).
     */
    public BackupDownload restore(long backupId, Duration startWait) throws IOException {
        claim();
        new FrameWriter(session.data()).writeMessage(new Message.RestoreBackup(backupId));
        FrameReader in = new FrameReader(session.data());
        Message answer = in.readMessage(startWait);
        if (!(answer instanceof Message.RestoreStart start)) {
            throw new WireException(ErrorCode.UNEXPECTED_FRAME, "the media server answered a restore of backup "
                    + backupId + " with " + answer + "; expected RestoreStart");
        }
        if (start.backupId() != backupId) {
            throw new WireException(ErrorCode.UNEXPECTED_FRAME, "asked for backup " + backupId
                    + " but the media server started sending backup " + start.backupId());
        }
        return new BackupDownload(start, in);
    }

    /**
     * Turns this session into a WAL session that stages segments in the media server's disk
     * staging pool; each {@link WalStager#stage} waits up to {@code ackWait} for durability.
     */
    public WalStager stager(Duration ackWait) {
        claim();
        return new WalStager(session.client(), new FrameWriter(session.data()), new FrameReader(session.data()), ackWait);
    }

    /** Turns this session into one that fetches staged segments back (waiting up to {@code startWait} each). */
    public SegmentFetcher fetcher(Duration startWait) {
        claim();
        return new SegmentFetcher(session.client(), new FrameWriter(session.data()), new FrameReader(session.data()),
                startWait);
    }

    /**
     * Reads bytes {@code [offset, offset+length)} of backup {@code backupId}'s payload (shorter at
     * its end); the media server mounts the cartridge for this read only.
     */
    public BackupDownload read(long backupId, long offset, long length, Duration startWait) throws IOException {
        claim();
        new FrameWriter(session.data()).writeMessage(new Message.ReadBackup(backupId, offset, length));
        BackupDownload download = BackupDownload.next(new FrameReader(session.data()), startWait);
        if (download.start().backupId() != backupId) {
            throw new WireException(ErrorCode.UNEXPECTED_FRAME, "asked for backup " + backupId
                    + " but the media server started sending backup " + download.start().backupId());
        }
        return download;
    }

    private void claim() {
        if (used) {
            throw new IllegalStateException("this session already carried a request; open a new session for the next");
        }
        used = true;
    }

    @Override
    public void close() throws IOException {
        session.close();
    }
}
