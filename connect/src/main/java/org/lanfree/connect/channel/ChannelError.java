package org.lanfree.connect.channel;

/** Fixed error codes of the channel; the message carries the details. */
public enum ChannelError {
    BAD_REQUEST(1, false),
    VERSION(2, false),
    NO_SUCH_GROUP(3, false),
    PORT_OUT_OF_RANGE(4, false),
    PORT_IN_USE(5, true),
    NO_FREE_PORT(6, true),
    CONNECTION_REFUSED(7, true),
    RING_TOO_LONG(8, false),
    NO_ROOM(9, true),
    PEER_RESET(10, false),
    CLOSED(11, false),
    NO_SUCH_ENDPOINT(12, false),
    ARRAY_STOPPING(13, true),
    TIMEOUT(14, true),
    AUTH_FAILED(15, false);

    public final int code;
    /** Whether the same request may succeed later. */
    public final boolean retryable;

    ChannelError(int code, boolean retryable) {
        this.code = code;
        this.retryable = retryable;
    }

    public static ChannelError of(int code) {
        for (ChannelError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return BAD_REQUEST;
    }
}
