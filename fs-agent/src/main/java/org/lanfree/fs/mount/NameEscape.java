package org.lanfree.fs.mount;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Names as the mount shows them. FUSE and {@code java.nio.file} hand names over as strings, so a
 * name that is not valid UTF-8 cannot appear as itself. Such a name, and a valid one that already
 * contains the text {@code \x}, is shown <em>escaped</em>: every byte that is not part of a valid
 * UTF-8 character, and every backslash, becomes {@code \xNN} (two lower-case hex digits). Every
 * other name shows as itself. The escape is reversible: {@link #decode} turns each {@code \xNN}
 * back into its byte, and an unescaped name never contains {@code \x}.
 */
public final class NameEscape {

    private NameEscape() {
    }

    /** The name the mount shows for the bytes {@code name}. */
    public static String encode(byte[] name) {
        if (plainAscii(name)) {
            return new String(name, StandardCharsets.US_ASCII);
        }
        String text = strictUtf8(name);
        if (text != null && !text.contains("\\x")) {
            return text;
        }
        return escaped(name);
    }

    /** The bytes of a shown name: the inverse of {@link #encode}. */
    public static byte[] decode(String shown) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(shown.length());
        byte[] utf8 = shown.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '\\' && i + 3 < utf8.length && utf8[i + 1] == 'x' && hex(utf8[i + 2]) >= 0
                    && hex(utf8[i + 3]) >= 0) {
                out.write(hex(utf8[i + 2]) * 16 + hex(utf8[i + 3]));
                i += 3;
            } else {
                out.write(utf8[i]);
            }
        }
        return out.toByteArray();
    }

    /** ASCII without a {@code \x}: most names, shown as they are without decoding. */
    private static boolean plainAscii(byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (name[i] < 0 || (name[i] == '\\' && i + 1 < name.length && name[i + 1] == 'x')) {
                return false;
            }
        }
        return true;
    }

    private static String escaped(byte[] name) {
        CharsetDecoder decoder = decoder();
        ByteBuffer in = ByteBuffer.wrap(name);
        CharBuffer chars = CharBuffer.allocate(name.length + 1);
        StringBuilder out = new StringBuilder(name.length + 8);
        while (true) {
            CoderResult r = decoder.decode(in, chars, true);
            chars.flip();
            while (chars.hasRemaining()) {
                char c = chars.get();
                if (c == '\\') {
                    out.append("\\x5c");
                } else {
                    out.append(c);
                }
            }
            chars.clear();
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    out.append(String.format("\\x%02x", in.get() & 0xff));
                }
            } else if (r.isUnderflow()) {
                return out.toString();
            }
        }
    }

    private static String strictUtf8(byte[] name) {
        try {
            return decoder().decode(ByteBuffer.wrap(name)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
