package org.lanfree.connect.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

import org.lanfree.connect.Conn;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.connect.wire.WireException;

/**
 * A backup stream on its way to the media server: bytes written here go out as DATA frames of
 * {@link #FRAME_BYTES}, and into a SHA-256; {@link #finish} sends END with that digest and waits
 * for the verdict. Not thread-safe: one writer.
 */
public final class BackupUpload extends OutputStream {

    /** Payload per DATA frame: large enough that framing costs nothing measurable. */
    public static final int FRAME_BYTES = 1 << 20;
    private static final Duration REASON_WAIT = Duration.ofSeconds(5);

    private final FrameWriter out;
    private final FrameReader in;
    private final ByteBuffer frame = ByteBuffer.allocateDirect(FRAME_BYTES);
    private final MessageDigest sha256;
    private long bytes;
    private boolean finished;
    private String digest;

    BackupUpload(FrameWriter out, FrameReader in) {
        this.out = out;
        this.in = in;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        open();
        frame.put((byte) b);
        bytes++;
        if (!frame.hasRemaining()) {
            sendFrame();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        write(ByteBuffer.wrap(b, off, len));
    }

    /** Writes the remaining bytes of {@code src}, which it consumes. */
    public void write(ByteBuffer src) throws IOException {
        open();
        while (src.hasRemaining()) {
            int n = Math.min(src.remaining(), frame.remaining());
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + n);
            frame.put(part);
            src.position(src.position() + n);
            bytes += n;
            if (!frame.hasRemaining()) {
                sendFrame();
            }
        }
    }

    /** Payload bytes written so far. */
    public long bytes() {
        return bytes;
    }

    /**
     * Sends what is buffered and END, then waits up to {@code verdictWait} for the media server to
     * store the backup. A refusal comes back as a {@link WireException} carrying the server's text.
     */
    public Message.BackupStored finish(Duration verdictWait) throws IOException {
        end();
        return verdict(verdictWait);
    }

    /**
     * A backup stream on {@code conn} whose request went out already (a file-tree session: the
     * media server asked for the backup on the control channel).
     */
    public static BackupUpload on(Conn conn) {
        return new BackupUpload(new FrameWriter(conn), new FrameReader(conn));
    }

    /**
     * A PostgreSQL backup's place in the WAL, sent after the payload and before {@link #end}; the
     * catalog records it with the backup.
     */
    public void walPosition(Message.WalPosition position) throws IOException {
        open();
        if (frame.position() > 0) {
            sendFrame();
        }
        out.writeMessage(position);
    }

    /** Sends what is buffered and END; the verdict is read by {@link #verdict}. */
    public void end() throws IOException {
        open();
        if (frame.position() > 0) {
            sendFrame();
        }
        finished = true;
        digest = hex(sha256.digest());
        out.writeEnd(new SegmentEnd(unhex(digest)));
    }

    /** Waits up to {@code verdictWait} for the media server to store the backup, after {@link #end}. */
    public Message.BackupStored verdict(Duration verdictWait) throws IOException {
        if (digest == null) {
            throw new IllegalStateException("the stream has not ended; call end() first");
        }
        Message verdict = in.readMessage(verdictWait);
        if (!(verdict instanceof Message.BackupStored stored)) {
            throw new WireException(ErrorCode.UNEXPECTED_FRAME, "the media server answered the end of a backup"
                    + " stream with " + verdict + "; expected BackupStored");
        }
        if (!stored.sha256().equals(digest)) {
            throw new WireException(ErrorCode.INTERNAL, "the media server stored backup " + stored.backupId()
                    + " with SHA-256 " + stored.sha256() + " but this side sent " + digest);
        }
        return stored;
    }

    /** Flushes nothing: a partial frame waits for more bytes or {@link #finish}. */
    @Override
    public void flush() {
    }

    private void sendFrame() throws IOException {
        frame.flip();
        sha256.update(frame.duplicate());
        try {
            out.writeData(frame);
        } catch (IOException e) {
            throw reasonFor(e);
        }
        frame.clear();
    }

    /**
     * A media server that refuses a stream midway (a full disk, a tape error) sends ERROR and
     * closes, so the write fails first; the ERROR frame waiting on the way back says why.
     */
    private IOException reasonFor(IOException writeFailure) {
        try {
            in.setTimeout(REASON_WAIT);
            in.next();
        } catch (WireException reason) {
            if (reason.peerCode().isPresent()) {
                reason.addSuppressed(writeFailure);
                return reason;
            }
        } catch (IOException | RuntimeException ignored) {
            // No reason to be had: the write's own failure is all there is.
        }
        return writeFailure;
    }

    private void open() throws IOException {
        if (finished) {
            throw new IOException("this backup stream is already finished");
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }

    private static byte[] unhex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
