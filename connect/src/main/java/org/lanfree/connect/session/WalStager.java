package org.lanfree.connect.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.connect.wire.WireException;

/**
 * A WAL session's sender: hands segments to the media server's disk staging pool, one after
 * another on the same session. {@link #stage} returns only once the media server has made the
 * segment durable, so the caller may confirm it to the database (a slot's flush position) then.
 */
public final class WalStager {

    private static final int FRAME_BYTES = 1 << 20;

    private final String client;
    private final FrameWriter out;
    private final FrameReader in;
    private final Duration ackWait;
    private final byte[] chunk = new byte[FRAME_BYTES];

    WalStager(String client, FrameWriter out, FrameReader in, Duration ackWait) {
        this.client = client;
        this.out = out;
        this.in = in;
        this.ackWait = ackWait;
    }

    /**
     * Sends segment {@code segment} of cluster {@code dataset} (WAL {@code [startLsn, endLsn)} of
     * {@code timeline}; zeros for a history file) with the bytes of {@code data}, and waits until it
     * is durable. Returns the SHA-256 both sides computed.
     */
    public String stage(String dataset, String segment, int timeline, long startLsn, long endLsn, InputStream data)
            throws IOException {
        out.writeMessage(new Message.StageSegment(client, dataset, segment, timeline, startLsn, endLsn));
        MessageDigest sha256 = sha256();
        int n;
        while ((n = data.readNBytes(chunk, 0, chunk.length)) > 0) {
            sha256.update(chunk, 0, n);
            out.writeData(ByteBuffer.wrap(chunk, 0, n));
        }
        byte[] digest = sha256.digest();
        out.writeEnd(new SegmentEnd(digest));
        Message answer = in.readMessage(ackWait);
        String ours = BackupUpload.hex(digest);
        if (!(answer instanceof Message.SegmentStaged staged) || !staged.segment().equals(segment)
                || !staged.sha256().equals(ours)) {
            throw new WireException(ErrorCode.UNEXPECTED_FRAME, "the media server answered segment " + segment
                    + " (SHA-256 " + ours + ") with " + answer + "; expected SegmentStaged for it");
        }
        return ours;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
