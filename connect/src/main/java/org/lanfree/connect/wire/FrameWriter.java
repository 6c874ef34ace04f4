package org.lanfree.connect.wire;

import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.lanfree.connect.Conn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link Frame}s to a {@link Conn}. A frame that fits the writer's staging buffer (64 KiB
 * and a little, enough for any message) goes out in one send; a larger one goes out as header, the caller's payload buffer itself and
 * the CRC, so big DATA frames are never copied. Writes are serialized: threads may share a
 * writer.
 */
public final class FrameWriter {

    private static final Logger log = LoggerFactory.getLogger(FrameWriter.class);
    /** Room for any message: a string field of at most 64 KiB - 1 plus the fixed fields and the frame's own 9 bytes. */
    private static final int STAGING_BYTES = 64 * 1024 + 64;

    private final Conn conn;
    private final String peer;
    private final int maxFrameLength;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_BYTES);

    public FrameWriter(Conn conn) {
        this(conn, Frame.DEFAULT_MAX_LENGTH);
    }

    public FrameWriter(Conn conn, int maxFrameLength) {
        if (maxFrameLength < 1) {
            throw new IllegalArgumentException("maximum frame length " + maxFrameLength + " is below 1");
        }
        this.conn = conn;
        this.peer = String.valueOf(conn.remoteAddress());
        this.maxFrameLength = maxFrameLength;
    }

    /** Writes one frame with the remaining bytes of {@code payload}, which it consumes. */
    public synchronized void write(FrameType type, ByteBuffer payload) throws IOException {
        int payloadBytes = payload.remaining();
        checkLength(type, 1L + payloadBytes);
        if (Frame.HEADER_BYTES + payloadBytes + Frame.TRAILER_BYTES <= STAGING_BYTES) {
            staging.clear().position(Frame.HEADER_BYTES);
            staging.put(payload);
            sendStaged(type);
            return;
        }
        crc.reset();
        crc.update(type.code());
        int position = payload.position();
        crc.update(payload);
        payload.position(position);
        staging.clear();
        staging.putInt(1 + payloadBytes).put((byte) type.code()).flip();
        conn.send(staging);
        conn.send(payload);
        staging.clear();
        staging.putInt((int) crc.getValue()).flip();
        conn.send(staging);
        log.trace("wire {}: → {} ({} bytes)", peer, type, payloadBytes);
    }

    /** Writes a DATA frame: the hot path of a backup stream. */
    public void writeData(ByteBuffer payload) throws IOException {
        write(FrameType.DATA, payload);
    }

    /** Writes an END frame closing a segment. */
    public synchronized void writeEnd(SegmentEnd end) throws IOException {
        staging.clear().position(Frame.HEADER_BYTES);
        end.encode(staging);
        sendStaged(FrameType.END);
    }

    /** Writes a MESSAGE frame. */
    public synchronized void writeMessage(Message message) throws IOException {
        staging.clear().position(Frame.HEADER_BYTES);
        try {
            MessageCodec.encode(message, staging);
        } catch (BufferOverflowException e) {
            throw new WireException(ErrorCode.FRAME_TOO_LONG, message.getClass().getSimpleName()
                    + " does not fit a message frame of " + STAGING_BYTES + " bytes", e);
        }
        log.trace("wire {}: → {}", peer, message);
        sendStaged(FrameType.MESSAGE);
    }

    /** Writes an ERROR frame; the caller then closes the connection. */
    public synchronized void writeError(ErrorCode code, String detail) throws IOException {
        staging.clear().position(Frame.HEADER_BYTES);
        new ErrorReport(code, detail).encode(staging);
        log.trace("wire {}: → ERROR {}", peer, code);
        sendStaged(FrameType.ERROR);
    }

    /**
     * Writes a frame whose payload {@code encoder} puts into a buffer of at most 64 KiB; for
     * small payloads of other layers (the authentication frames).
     */
    public synchronized void write(FrameType type, PayloadEncoder encoder) throws IOException {
        staging.clear().position(Frame.HEADER_BYTES);
        try {
            encoder.encode(staging);
        } catch (BufferOverflowException e) {
            throw new WireException(ErrorCode.FRAME_TOO_LONG, type + " payload does not fit "
                    + STAGING_BYTES + " bytes", e);
        }
        sendStaged(type);
    }

    /** Puts a payload into the frame being built. */
    @FunctionalInterface
    public interface PayloadEncoder {
        void encode(ByteBuffer out);
    }

    /** Completes the frame whose payload ends at the staging position, and sends it. */
    private void sendStaged(FrameType type) throws IOException {
        int end = staging.position();
        int length = end - Frame.HEADER_BYTES + 1;
        checkLength(type, length);
        staging.putInt(0, length).put(4, (byte) type.code());
        crc.reset();
        staging.position(4).limit(end);
        crc.update(staging);
        staging.limit(staging.capacity()).position(end);
        staging.putInt((int) crc.getValue()).flip();
        conn.send(staging);
    }

    private void checkLength(FrameType type, long length) throws WireException {
        if (length > maxFrameLength) {
            throw new WireException(ErrorCode.FRAME_TOO_LONG, type + " frame of length " + length
                    + " exceeds the limit of " + maxFrameLength + " bytes; HINT: split the payload");
        }
    }
}
