package org.lanfree.media.server;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * File names and link targets, which are bytes, for people and for scripts. A name that is valid
 * UTF-8 without control characters shows as itself; otherwise every byte that is not part of a
 * valid UTF-8 character, and every control character, shows as {@code \xNN}. The exact bytes
 * always travel beside it in base64.
 */
final class ByteNames {

    private ByteNames() {
    }

    /** True when {@code name} decodes as UTF-8. */
    static boolean validUtf8(byte[] name) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** The name for display, with invalid bytes and control characters as {@code \xNN}. */
    static String display(byte[] name) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(name);
        CharBuffer chars = CharBuffer.allocate(name.length + 1);
        StringBuilder out = new StringBuilder(name.length);
        while (true) {
            CoderResult r = decoder.decode(in, chars, true);
            chars.flip();
            chars.chars().forEach(c -> {
                if (c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\x%02x", c));
                } else {
                    out.append((char) c);
                }
            });
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

    /** Puts {@code field} (display form), {@code fieldBase64} (exact bytes) into {@code row}; null stays null. */
    static void put(ObjectNode row, String field, byte[] name) {
        row.put(field, name == null ? null : display(name));
        row.put(field + "Base64", name == null ? null : Base64.getEncoder().encodeToString(name));
    }
}
