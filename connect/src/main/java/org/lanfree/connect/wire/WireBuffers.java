package org.lanfree.connect.wire;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Field codecs shared by the payload codecs. Strings are {@code u16 length | UTF-8 bytes}; every
 * read checks that the bytes are there and fails with {@link ErrorCode#MALFORMED} naming the
 * field otherwise.
 */
public final class WireBuffers {

    /** Longest string a field holds, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 0xffff;

    private WireBuffers() {
    }

    public static void putString(ByteBuffer out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string of " + bytes.length
                    + " UTF-8 bytes does not fit a u16 length field (at most " + MAX_STRING_BYTES + ")");
        }
        if (out.remaining() < 2 + bytes.length) {
            throw new BufferOverflowException();
        }
        out.putShort((short) bytes.length).put(bytes);
    }

    /** A byte string (a file name, a link target): {@code u16 length | bytes}, taken as they are. */
    public static void putBytes(ByteBuffer out, byte[] value) {
        if (value.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("byte string of " + value.length
                    + " bytes does not fit a u16 length field (at most " + MAX_STRING_BYTES + ")");
        }
        if (out.remaining() < 2 + value.length) {
            throw new BufferOverflowException();
        }
        out.putShort((short) value.length).put(value);
    }

    public static byte[] getBytes(ByteBuffer in, String what) throws WireException {
        return getBytes(in, getU16(in, what + " length"), what);
    }

    public static long getLong(ByteBuffer in, String what) throws WireException {
        require(in, 8, what);
        return in.getLong();
    }

    public static String getString(ByteBuffer in, String what) throws WireException {
        int length = getU16(in, what + " length");
        require(in, length, what);
        ByteBuffer bytes = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new WireException(ErrorCode.MALFORMED, what + " is not valid UTF-8", e);
        }
    }

    public static int getU16(ByteBuffer in, String what) throws WireException {
        require(in, 2, what);
        return Short.toUnsignedInt(in.getShort());
    }

    public static int getU8(ByteBuffer in, String what) throws WireException {
        require(in, 1, what);
        return Byte.toUnsignedInt(in.get());
    }

    public static int getInt(ByteBuffer in, String what) throws WireException {
        require(in, 4, what);
        return in.getInt();
    }

    /** Reads exactly {@code length} bytes. */
    public static byte[] getBytes(ByteBuffer in, int length, String what) throws WireException {
        require(in, length, what);
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /** Fails unless every byte of the body was consumed. */
    public static void requireEnd(ByteBuffer in, String what) throws WireException {
        if (in.hasRemaining()) {
            throw new WireException(ErrorCode.MALFORMED, what + " has " + in.remaining()
                    + " trailing bytes but expected none; HINT: the peer encodes a newer layout");
        }
    }

    private static void require(ByteBuffer in, int bytes, String what) throws WireException {
        if (in.remaining() < bytes) {
            throw new WireException(ErrorCode.MALFORMED, what + " needs " + bytes
                    + " bytes but only " + in.remaining() + " remain in the payload");
        }
    }
}
