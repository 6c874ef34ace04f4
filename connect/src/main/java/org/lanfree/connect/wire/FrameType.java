package org.lanfree.connect.wire;

/** The kinds of frame; the code is the frame's type byte on the wire. */
public enum FrameType {
    /** Acceptor's greeting and challenge (see {@code org.lanfree.connect.auth}). */
    HELLO(1),
    /** Connector's greeting, challenge and proof. */
    AUTH(2),
    /** Acceptor's proof; the connection is authenticated once it is verified. */
    AUTH_OK(3),
    /** An {@link ErrorReport}: the sender gives up on the connection. */
    ERROR(4),
    /** A typed control {@link Message}, encoded by {@link MessageCodec}. */
    MESSAGE(5),
    /** Payload bytes of a segment. */
    DATA(6),
    /** A {@link SegmentEnd}: the SHA-256 of the segment's DATA payloads. */
    END(7);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a type byte, or null when the byte names no type. */
    static FrameType ofCode(int code) {
        return BY_CODE[code & 0xff];
    }
}
