package org.lanfree.connect.channel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Encoding helpers for channel messages (see {@link Op} for the grammar). */
public final class Message {

    public static final int HEADER_BYTES = 13;
    public static final int PROTOCOL_VERSION = 2;
    /** Bytes of each nonce and proof of the channel's challenge-response. */
    public static final int NONCE_BYTES = 32;
    /** Largest body any message has; a longer length field is a protocol error. */
    public static final int MAX_BODY = 1 << 20;

    private Message() {
    }

    public static void putHeader(ByteBuffer b, int bodyLength, int payloadLength, Op op, int tag) {
        b.putInt(bodyLength).putInt(payloadLength).put((byte) op.code).putInt(tag);
    }

    public static void putString(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(bytes.length, 0xFFFF);
        b.putShort((short) n).put(bytes, 0, n);
    }

    public static String getString(ByteBuffer b) {
        int n = Short.toUnsignedInt(b.getShort());
        byte[] bytes = new byte[n];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static int stringBytes(String s) {
        return 2 + Math.min(s.getBytes(StandardCharsets.UTF_8).length, 0xFFFF);
    }
}
