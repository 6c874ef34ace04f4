package org.lanfree.media.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Frame;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameType;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.MessageCodec;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.connect.wire.WireException;
import org.lanfree.media.vtl.TapeFileWriter;

/**
 * Moves one stream's payload onto tape: each DATA frame's payload goes from the reader's buffer
 * straight into the tape writer (the frame itself, already checked by {@link FrameReader}, never
 * does), and into the SHA-256; the END frame's digest must equal it.
 *
 * <pre>
 * stream = DATA* [MESSAGE WalPosition] END     END = SegmentEnd(sha256 of the DATA payloads)
 * </pre>
 *
 * A PostgreSQL stream may say where it lies in the WAL just before END; that message goes to the
 * session's {@link BackupCompletion}.
 */
final class PayloadReceiver {

    /** The payload received, its digest matching the sender's, and where it lies in the WAL (null if not said). */
    record Received(String sha256, long bytes, Message.WalPosition position) {
    }

    private final String session;
    private final FrameReader reader;
    private final TapeFileWriter tape;
    private final JobProgress progress;
    private final MessageDigest sha256;
    private long bytes;
    private Message.WalPosition position;

    PayloadReceiver(String session, FrameReader reader, TapeFileWriter tape, JobProgress progress) {
        this.session = session;
        this.reader = reader;
        this.tape = tape;
        this.progress = progress;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Reads frames up to END; the tape file stays open for the caller to finish or abandon. */
    Received receive() throws SessionException {
        while (true) {
            Frame frame = next();
            if (frame.type() == FrameType.DATA) {
                ByteBuffer payload = frame.payload();
                int n = payload.remaining();
                sha256.update(payload.duplicate());
                write(payload);
                bytes += n;
                progress.bytes(bytes);
            } else if (frame.type() == FrameType.END) {
                return end(frame.payload());
            } else if (frame.type() == FrameType.MESSAGE && position == null) {
                position = walPosition(frame.payload());
            } else {
                throw new SessionException(SessionException.Failure.PROTOCOL, session + ": a " + frame.type()
                        + " frame from " + reader.peer() + " after " + bytes + " payload bytes; expected DATA or END."
                        + " HINT: a backup stream is DATA frames closed by one END frame");
            }
        }
    }

    long bytes() {
        return bytes;
    }

    private Received end(ByteBuffer payload) throws SessionException {
        byte[] theirs;
        try {
            theirs = SegmentEnd.decode(payload).sha256();
        } catch (WireException e) {
            throw new SessionException(SessionException.Failure.PROTOCOL, e.code(), session + ": " + e.getMessage(), e);
        }
        byte[] ours = sha256.digest();
        HexFormat hex = HexFormat.of();
        if (!MessageDigest.isEqual(ours, theirs)) {
            throw new SessionException(SessionException.Failure.DIGEST_MISMATCH, session + ": SHA-256 mismatch"
                    + " after " + bytes + " payload bytes from " + reader.peer() + ": the sender says "
                    + hex.formatHex(theirs) + ", the bytes received give " + hex.formatHex(ours) + "; HINT: the"
                    + " sender's data changed while it was read, or it was corrupted before framing; run the backup"
                    + " again");
        }
        if (bytes == 0) {
            throw new SessionException(SessionException.Failure.PROTOCOL, session + ": the stream from "
                    + reader.peer() + " ended with 0 payload bytes; expected an archive of at least one byte");
        }
        return new Received(hex.formatHex(ours), bytes, position);
    }

    private Message.WalPosition walPosition(ByteBuffer payload) throws SessionException {
        try {
            if (MessageCodec.decode(payload) instanceof Message.WalPosition p) {
                return p;
            }
        } catch (WireException e) {
            throw new SessionException(SessionException.Failure.PROTOCOL, e.code(), session + ": " + e.getMessage(), e);
        }
        throw new SessionException(SessionException.Failure.PROTOCOL, session + ": a message other than WalPosition in"
                + " the stream from " + reader.peer() + " after " + bytes + " payload bytes; HINT: a backup stream is"
                + " DATA frames, at most one WalPosition, and one END frame");
    }

    private Frame next() throws SessionException {
        try {
            return reader.next();
        } catch (WireException e) {
            throw new SessionException(SessionException.Failure.STREAM, e.code(), session + ": the stream from "
                    + reader.peer() + " broke after " + bytes + " payload bytes: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SessionException(SessionException.Failure.STREAM, ErrorCode.IO_FAILED, session
                    + ": the stream from " + reader.peer() + " broke after " + bytes + " payload bytes: "
                    + e.getMessage() + "; HINT: the sender or the network went away", e);
        }
    }

    private void write(ByteBuffer payload) throws SessionException {
        try {
            tape.write(payload);
        } catch (DrivePool.CartridgeWaitException e) {
            throw e.failure();
        } catch (IOException e) {
            throw new SessionException(SessionException.Failure.TAPE, session + ": writing to tape failed after "
                    + bytes + " payload bytes: " + e.getMessage(), e);
        }
    }
}
