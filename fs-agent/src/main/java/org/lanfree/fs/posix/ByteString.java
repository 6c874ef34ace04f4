package org.lanfree.fs.posix;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable string of bytes: a file name, a relative path or a link target as the kernel holds
 * it. Compares as unsigned bytes. {@link #toString()} shows it for people: valid UTF-8 as text,
 * other bytes and control characters as {@code \xNN}, so an awkward name is still readable in a log.
 */
public final class ByteString implements Comparable<ByteString> {

    public static final ByteString EMPTY = new ByteString(new byte[0]);
    private static final byte SLASH = '/';

    private final byte[] bytes;
    private int hash;

    private ByteString(byte[] bytes) {
        this.bytes = bytes;
    }

    public static ByteString of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new ByteString(bytes.clone());
    }

    public static ByteString of(byte[] bytes, int offset, int length) {
        return length == 0 ? EMPTY : new ByteString(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** The UTF-8 bytes of {@code text}. */
    public static ByteString of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes ownership of {@code bytes}: only for arrays nobody else keeps. */
    static ByteString wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new ByteString(bytes);
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** Copies the bytes into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    public ByteString substring(int from, int to) {
        return of(bytes, from, to - from);
    }

    /** {@code this/child}, or {@code child} when this is empty (the root of a relative path). */
    public ByteString resolve(ByteString child) {
        if (bytes.length == 0) {
            return child;
        }
        byte[] out = Arrays.copyOf(bytes, bytes.length + 1 + child.bytes.length);
        out[bytes.length] = SLASH;
        System.arraycopy(child.bytes, 0, out, bytes.length + 1, child.bytes.length);
        return new ByteString(out);
    }

    public ByteString concat(ByteString other) {
        byte[] out = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
        System.arraycopy(other.bytes, 0, out, bytes.length, other.bytes.length);
        return wrap(out);
    }

    public int lastIndexOf(byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    public int indexOf(byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The last path component. */
    public ByteString fileName() {
        int slash = lastIndexOf(SLASH);
        return slash < 0 ? this : substring(slash + 1, bytes.length);
    }

    /** Everything before the last {@code /}, or empty. */
    public ByteString parent() {
        int slash = lastIndexOf(SLASH);
        return slash < 0 ? EMPTY : substring(0, slash);
    }

    /** True when this equals {@code prefix} or lies under it as a path ({@code a/b} is under {@code a}, {@code ab} is not). */
    public boolean isAtOrUnder(ByteString prefix) {
        if (prefix.bytes.length == 0) {
            return true;
        }
        if (bytes.length < prefix.bytes.length
                || !Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length)) {
            return false;
        }
        return bytes.length == prefix.bytes.length || bytes[prefix.bytes.length] == SLASH;
    }

    public boolean isValidUtf8() {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** True when every byte is printable ASCII (the ustar header fields hold such names as they are). */
    public boolean isPrintableAscii() {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(ByteString o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteString b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    /** For display: valid UTF-8 as text with control characters and backslashes escaped, other bytes as {@code \xNN}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(bytes.length + 8);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int len = utf8Length(i);
            if (len > 1) {
                out.append(new String(bytes, i, len, StandardCharsets.UTF_8));
                i += len;
            } else if (b == '\\') {
                out.append("\\\\");
                i++;
            } else if (b == '\n') {
                out.append("\\n");
                i++;
            } else if (b >= 0x20 && b < 0x7f) {
                out.append((char) b);
                i++;
            } else {
                out.append(String.format("\\x%02x", b));
                i++;
            }
        }
        return out.toString();
    }

    /** Length of a well-formed multi-byte UTF-8 sequence at {@code i}, else 1. */
    private int utf8Length(int i) {
        int b = bytes[i] & 0xff;
        int len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? (b >= 0xf0 ? 1 : 3) : b >= 0xc2 && b < 0xe0 ? 2 : 1;
        if (len == 1 || i + len > bytes.length) {
            return 1;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, i, len));
            return len;
        } catch (CharacterCodingException e) {
            return 1;
        }
    }
}
