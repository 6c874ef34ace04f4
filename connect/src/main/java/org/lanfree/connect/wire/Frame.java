package org.lanfree.connect.wire;

import java.nio.ByteBuffer;

/**
 * One frame as read from the wire. The payload is a view of the reader's buffer: it is valid
 * until the next read on the same {@link FrameReader}.
 *
 * <pre>
 * frame   = length:u32 type:u8 payload crc:u32      (big-endian)
 * length  = 1 + payload length                      (the CRC is not counted)
 * crc     = CRC32C(type payload)
 * </pre>
 */
public record Frame(FrameType type, ByteBuffer payload) {

    /** Bytes before the payload: the length and the type. */
    public static final int HEADER_BYTES = 5;
    /** Bytes after the payload: the CRC. */
    public static final int TRAILER_BYTES = 4;
    /** Largest length field accepted unless configured otherwise: 16 MiB. */
    public static final int DEFAULT_MAX_LENGTH = 16 * 1024 * 1024;
}
