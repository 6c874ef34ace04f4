package org.lanfree.connect.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Frame;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameType;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.connect.wire.WireException;

/**
 * A backup's payload coming back from the media server: the DATA frames' bytes, in order. At END
 * the SHA-256 of what was read must equal both the sender's and the catalog's; otherwise the last
 * read throws, so a caller that reads to end-of-stream never takes damaged bytes for good ones.
 */
public final class BackupDownload extends InputStream {

    private final Message.RestoreStart start;
    private final FrameReader in;
    private final MessageDigest sha256;
    private ByteBuffer current = ByteBuffer.allocate(0);
    private long bytes;
    private boolean ended;

    BackupDownload(Message.RestoreStart start, FrameReader in) {
        this.start = start;
        this.in = in;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * The next backup stream on a connection read through {@code in} (a file-tree restore sends
     * the archives of a chain one after another on one connection; read each to its end before
     * the next): waits up to {@code startWait} for its RestoreStart.
     */
    public static BackupDownload next(FrameReader in, java.time.Duration startWait) throws IOException {
        Message answer = in.readMessage(startWait);
        if (!(answer instanceof Message.RestoreStart start)) {
            throw new WireException(ErrorCode.UNEXPECTED_FRAME, "expected RestoreStart to open a backup stream, got "
                    + answer);
        }
        return new BackupDownload(start, in);
    }

    /** The backup's catalog facts, as the media server announced them. */
    public Message.RestoreStart start() {
        return start;
    }

    /** Payload bytes read so far. */
    public long bytes() {
        return bytes;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        bytes++;
        return current.get() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        bytes += n;
        return n;
    }

    @Override
    public int available() {
        return current.remaining();
    }

    private boolean fill() throws IOException {
        while (!current.hasRemaining()) {
            if (ended) {
                return false;
            }
            Frame frame = in.next();
            if (frame.type() == FrameType.DATA) {
                // Valid until the next call to next(), which comes only once the caller drained it: no copy.
                current = frame.payload();
                sha256.update(current.duplicate());
            } else if (frame.type() == FrameType.END) {
                end(SegmentEnd.decode(frame.payload()));
            } else {
                throw new WireException(ErrorCode.UNEXPECTED_FRAME, "a " + frame.type() + " frame in the restore of"
                        + " backup " + start.backupId() + " after " + bytes + " bytes; expected DATA or END");
            }
        }
        return true;
    }

    private void end(SegmentEnd end) throws WireException {
        ended = true;
        String ours = BackupUpload.hex(sha256.digest());
        String theirs = BackupUpload.hex(end.sha256());
        // A ranged read announces no digest: only the sender's END vouches for it.
        if (!ours.equals(theirs) || (!start.sha256().isEmpty() && !ours.equals(start.sha256()))) {
            throw new WireException(ErrorCode.BAD_CRC, "backup " + start.backupId() + " came back damaged: its "
                    + bytes + " bytes give SHA-256 " + ours + ", the media server sent " + theirs + " and the catalog"
                    + " holds " + start.sha256() + "; HINT: run crosscheck to find the damaged block");
        }
        if (bytes != start.bytes()) {
            throw new WireException(ErrorCode.TRUNCATED, "backup " + start.backupId() + " came back with " + bytes
                    + " bytes; the catalog holds " + start.bytes());
        }
    }
}
