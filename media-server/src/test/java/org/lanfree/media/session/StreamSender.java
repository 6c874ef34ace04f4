package org.lanfree.media.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.zip.CRC32C;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.net.TcpConn;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameType;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.SegmentEnd;

/** The sending side of a backup stream over a real loopback TCP connection, good or scripted bad. */
final class StreamSender implements AutoCloseable {

    static final int FRAME = 50_000;

    private final TcpConn conn;
    private final FrameWriter frames;
    private final MessageDigest sha256;

    StreamSender(SockAddr.Net server) throws IOException {
        conn = TcpConn.connect(server, Duration.ofSeconds(10));
        frames = new FrameWriter(conn);
        sha256 = digest();
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code bytes[from, to)} as DATA frames of {@link #FRAME} bytes. */
    StreamSender data(byte[] bytes, int from, int to) throws IOException {
        for (int off = from; off < to; off += FRAME) {
            int n = Math.min(FRAME, to - off);
            sha256.update(bytes, off, n);
            frames.writeData(ByteBuffer.wrap(bytes, off, n));
        }
        return this;
    }

    StreamSender data(byte[] bytes) throws IOException {
        return data(bytes, 0, bytes.length);
    }

    /** Closes the stream with the SHA-256 of what was sent. */
    StreamSender end() throws IOException {
        frames.writeEnd(new SegmentEnd(sha256.digest()));
        return this;
    }

    /** Closes the stream with a digest that does not match. */
    StreamSender wrongEnd() throws IOException {
        byte[] wrong = sha256.digest();
        wrong[0] ^= 1;
        frames.writeEnd(new SegmentEnd(wrong));
        return this;
    }

    /** Sends a DATA frame whose CRC32C does not match its bytes. */
    StreamSender corruptFrame(byte[] payload) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(FrameType.DATA.code());
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(9 + payload.length);
        frame.putInt(1 + payload.length).put((byte) FrameType.DATA.code()).put(payload)
                .putInt((int) crc.getValue() ^ 0x5a).flip();
        conn.send(frame);
        return this;
    }

    /** The media server's verdict; an ERROR frame is thrown as a WireException. */
    Message verdict() throws IOException {
        return new FrameReader(conn).readMessage(Duration.ofSeconds(30));
    }

    @Override
    public void close() throws IOException {
        conn.close();
    }
}
