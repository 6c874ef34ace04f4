package org.lanfree.connect.wire;

import java.util.Optional;

/**
 * The fixed error codes of the protocol. The number of each code is part of the wire format (it
 * travels in ERROR frames): codes are never renumbered and numbers are never reused.
 */
public enum ErrorCode {
    /** The greeting's magic is not {@code LANFREE}: the peer does not speak this protocol. */
    BAD_MAGIC(1, false),
    /** The peer speaks another protocol version. */
    BAD_VERSION(2, false),
    /** The peer announced a role this side does not talk to. */
    BAD_ROLE(3, false),
    /** A frame's CRC32C does not match its bytes: corrupted in transit. */
    BAD_CRC(4, true),
    /** A frame's length field exceeds the configured maximum. */
    FRAME_TOO_LONG(5, false),
    /** A frame's type byte is not a known frame type. */
    BAD_FRAME_TYPE(6, false),
    /** A frame or message body does not parse (wrong size, bad UTF-8, unknown kind, bad value). */
    MALFORMED(7, false),
    /** The connection ended in the middle of a frame. */
    TRUNCATED(8, true),
    /** A well-formed frame or message that is not the one the protocol state allows. */
    UNEXPECTED_FRAME(9, false),
    /** The peer's proof does not match the shared secret. */
    AUTH_FAILED(10, false),
    /** Nothing arrived within the state's timeout. */
    TIMEOUT(11, true),
    /** The peer closed the connection between frames while this side waited for one. */
    PEER_CLOSED(12, true),
    /** The peer raised an error and sent it in an ERROR frame; see {@link WireException#peerCode()}. */
    PEER_ERROR(13, false),
    /** The request is well-formed but refused (unknown session token, duplicate channel, policy). */
    REFUSED(14, false),
    /** A local socket operation failed (connect refused, host not attached to an array). */
    IO_FAILED(15, true),
    /** A bug on the side that raised it. */
    INTERNAL(16, false);

    private final int wireValue;
    private final boolean retryable;

    ErrorCode(int wireValue, boolean retryable) {
        this.wireValue = wireValue;
        this.retryable = retryable;
    }

    /** The number that represents this code in ERROR frames. */
    public int wireValue() {
        return wireValue;
    }

    /** Whether trying the same operation again may succeed. */
    public boolean retryable() {
        return retryable;
    }

    /** The code with the given wire number, if this side knows it. */
    public static Optional<ErrorCode> ofWireValue(int value) {
        for (ErrorCode code : values()) {
            if (code.wireValue == value) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
