package org.lanfree.connect.wire;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.zip.CRC32C;
import org.lanfree.connect.Conn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link Frame}s from a {@link Conn}. The reader never reads past the end of the frame it
 * returns, so a connection can be handed from one layer (and reader) to the next between frames.
 * A length field above the maximum fails at once, before any buffer grows; the CRC is checked
 * before the type byte is trusted; ERROR frames are rethrown as {@link ErrorCode#PEER_ERROR}
 * naming the peer. Not thread-safe: one reading thread per connection.
 */
public final class FrameReader {

    private static final Logger log = LoggerFactory.getLogger(FrameReader.class);
    private static final int INITIAL_CAPACITY = 8 * 1024;

    private final Conn conn;
    private final String peer;
    private final CRC32C crc = new CRC32C();
    private int maxFrameLength;
    private Duration timeout = Duration.ZERO;
    private ByteBuffer buffer = ByteBuffer.allocate(INITIAL_CAPACITY).flip();

    public FrameReader(Conn conn) {
        this(conn, Frame.DEFAULT_MAX_LENGTH);
    }

    public FrameReader(Conn conn, int maxFrameLength) {
        this.conn = conn;
        this.peer = String.valueOf(conn.remoteAddress());
        setMaxFrameLength(maxFrameLength);
    }

    /** Largest length field this reader accepts from now on. */
    public void setMaxFrameLength(int maxFrameLength) {
        if (maxFrameLength < 1) {
            throw new IllegalArgumentException("maximum frame length " + maxFrameLength + " is below 1");
        }
        this.maxFrameLength = maxFrameLength;
    }

    public int maxFrameLength() {
        return maxFrameLength;
    }

    /** Sets the connection's read timeout for the reads that follow; zero waits forever. */
    public void setTimeout(Duration timeout) throws IOException {
        conn.setReadTimeout(timeout);
        this.timeout = timeout;
    }

    /**
     * Reads the next frame. Its payload is valid until the next call. ERROR frames are thrown as
     * {@link ErrorCode#PEER_ERROR}.
     */
    public Frame next() throws IOException {
        fill(4);
        int start = buffer.position();
        long length = Integer.toUnsignedLong(buffer.getInt(start));
        if (length > maxFrameLength) {
            throw new WireException(ErrorCode.FRAME_TOO_LONG, "frame length " + length + " from "
                    + peer + " exceeds the limit of " + maxFrameLength
                    + " bytes; HINT: the peer is not speaking this protocol or its limit is higher");
        }
        if (length == 0) {
            throw new WireException(ErrorCode.MALFORMED, "frame length 0 from " + peer
                    + " leaves no room for the type byte; expected at least 1");
        }
        int total = Frame.HEADER_BYTES - 1 + (int) length + Frame.TRAILER_BYTES;
        fill(total);
        start = buffer.position();
        int bodyEnd = start + 4 + (int) length;
        int limit = buffer.limit();
        crc.reset();
        buffer.position(start + 4).limit(bodyEnd);
        crc.update(buffer);
        buffer.limit(limit);
        int expected = buffer.getInt(bodyEnd);
        int typeCode = Byte.toUnsignedInt(buffer.get(start + 4));
        buffer.position(start + total);
        if ((int) crc.getValue() != expected) {
            throw new WireException(ErrorCode.BAD_CRC, String.format(
                    "frame of %d bytes from %s has CRC32C 0x%08x but its bytes give 0x%08x;"
                            + " HINT: the connection corrupts data", length, peer, expected, (int) crc.getValue()));
        }
        FrameType type = FrameType.ofCode(typeCode);
        if (type == null) {
            throw new WireException(ErrorCode.BAD_FRAME_TYPE, "frame type " + typeCode + " from "
                    + peer + " is unknown; expected 1-" + FrameType.values().length);
        }
        ByteBuffer payload = buffer.slice(start + Frame.HEADER_BYTES, (int) length - 1);
        if (log.isTraceEnabled()) {
            log.trace("wire {}: ← {} ({} bytes)", peer, type, length - 1);
        }
        if (type == FrameType.ERROR) {
            ErrorReport report = ErrorReport.decode(payload);
            throw WireException.raisedBy(peer, report.code(), report.detail());
        }
        return new Frame(type, payload);
    }

    /**
     * Waits up to {@code timeout} for the next frame and checks that it has the given type; an
     * ERROR frame is thrown as {@link ErrorCode#PEER_ERROR}, any other type as
     * {@link ErrorCode#UNEXPECTED_FRAME}.
     */
    public Frame expect(FrameType type, Duration timeout) throws IOException {
        setTimeout(timeout);
        Frame frame;
        try {
            frame = next();
        } catch (WireException e) {
            throw e.code() == ErrorCode.TIMEOUT || e.code() == ErrorCode.PEER_CLOSED
                    ? e.withContext("waiting for " + type) : e;
        }
        if (frame.type() != type) {
            throw new WireException(ErrorCode.UNEXPECTED_FRAME, "expected a " + type
                    + " frame from " + peer + " but got " + frame.type());
        }
        return frame;
    }

    /** Waits up to {@code timeout} for a MESSAGE frame and decodes it. */
    public Message readMessage(Duration timeout) throws IOException {
        Message message = MessageCodec.decode(expect(FrameType.MESSAGE, timeout).payload());
        log.trace("wire {}: ← {}", peer, message);
        return message;
    }

    /** The peer this reader reads from, as messages name it. */
    public String peer() {
        return peer;
    }

    /**
     * Makes exactly {@code needed} bytes of the current frame available from the position,
     * reading no further than that.
     */
    private void fill(int needed) throws IOException {
        if (buffer.remaining() >= needed) {
            return;
        }
        if (buffer.capacity() < needed) {
            int capacity = (int) Math.min(Math.max((long) needed, 2L * buffer.capacity()),
                    (long) maxFrameLength + Frame.HEADER_BYTES + Frame.TRAILER_BYTES);
            buffer = ByteBuffer.allocate(capacity).put(buffer);
        } else {
            buffer.compact();
        }
        buffer.limit(needed);
        try {
            while (buffer.position() < needed) {
                if (conn.recv(buffer) < 0) {
                    throw endOfStream(buffer.position(), needed);
                }
            }
        } catch (SocketTimeoutException e) {
            int have = buffer.position();
            throw new WireException(ErrorCode.TIMEOUT, have == 0
                    ? "no frame from " + peer + " within " + describe(timeout)
                    : "frame from " + peer + " stalled: " + have + " of " + needed
                            + " bytes arrived, then nothing within " + describe(timeout), e);
        } finally {
            buffer.flip();
        }
    }

    private WireException endOfStream(int have, int needed) {
        if (have == 0) {
            return new WireException(ErrorCode.PEER_CLOSED, "peer " + peer
                    + " closed the connection while this side waited for a frame");
        }
        return new WireException(ErrorCode.TRUNCATED, "frame from " + peer + " truncated: the peer"
                + " closed the connection after " + have + " of " + needed + " bytes");
    }

    private static String describe(Duration timeout) {
        return timeout.isZero() ? "the read timeout" : timeout.toMillis() + " ms";
    }
}
