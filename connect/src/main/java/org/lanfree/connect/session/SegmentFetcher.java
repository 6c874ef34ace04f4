package org.lanfree.connect.session;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Duration;

import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Frame;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameType;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.connect.wire.WireException;

/**
 * A WAL session's reader: fetches staged segments back from the media server (from its disk, or
 * from tape after migration), one after another on the same session. A segment whose bytes do
 * not match its digest fails the fetch; the caller must discard what it wrote.
 */
public final class SegmentFetcher {

    private final String client;
    private final FrameWriter out;
    private final FrameReader in;
    private final Duration startWait;

    SegmentFetcher(String client, FrameWriter out, FrameReader in, Duration startWait) {
        this.client = client;
        this.out = out;
        this.in = in;
        this.startWait = startWait;
    }

    /**
     * Writes segment {@code segment} of cluster {@code dataset} to {@code to}; returns its size. The
     * bytes are checked before this returns: on a mismatch it throws, after writing them.
     */
    public long fetch(String dataset, String segment, OutputStream to) throws IOException {
        out.writeMessage(new Message.FetchSegment(client, dataset, segment));
        Message answer = in.readMessage(startWait);
        if (!(answer instanceof Message.SegmentStart start) || !start.segment().equals(segment)) {
            throw new WireException(ErrorCode.UNEXPECTED_FRAME, "the media server answered a fetch of segment "
                    + segment + " with " + answer + "; expected SegmentStart for it");
        }
        MessageDigest sha256 = WalStager.sha256();
        long bytes = 0;
        byte[] copy = new byte[64 * 1024];
        while (true) {
            Frame frame = in.next();
            if (frame.type() == FrameType.END) {
                String ours = BackupUpload.hex(sha256.digest());
                String theirs = BackupUpload.hex(SegmentEnd.decode(frame.payload()).sha256());
                if (!ours.equals(theirs) || !ours.equals(start.sha256()) || bytes != start.bytes()) {
                    throw new WireException(ErrorCode.BAD_CRC, "segment " + segment + " came back damaged: " + bytes
                            + " bytes with SHA-256 " + ours + "; the media server announced " + start.bytes()
                            + " bytes with " + start.sha256());
                }
                return bytes;
            }
            if (frame.type() != FrameType.DATA) {
                throw new WireException(ErrorCode.UNEXPECTED_FRAME, "a " + frame.type() + " frame in segment "
                        + segment + "; expected DATA or END");
            }
            var payload = frame.payload();
            sha256.update(payload.duplicate());
            bytes += payload.remaining();
            while (payload.hasRemaining()) {
                int n = Math.min(copy.length, payload.remaining());
                payload.get(copy, 0, n);
                to.write(copy, 0, n);
            }
        }
    }
}
