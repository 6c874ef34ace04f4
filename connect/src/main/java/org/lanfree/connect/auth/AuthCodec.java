package org.lanfree.connect.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.WireBuffers;
import org.lanfree.connect.wire.WireException;

/**
 * Payloads of the authentication frames (big-endian).
 *
 * <pre>
 * preamble = magic:byte[7] version:u16 role:u8       magic = "LANFREE" (ISO-8859-1)
 * HELLO    = preamble nonce:byte[32]
 * AUTH     = preamble nonce:byte[32] proof:byte[32]
 * AUTH_OK  = proof:byte[32]
 * </pre>
 *
 * The preamble can be read on its own ({@link #peekPreamble}) so that a peer of another version
 * is told about the version, not about a size it could not know. Decoding is otherwise strict.
 */
public final class AuthCodec {

    public static final int MAGIC_BYTES = 7;
    public static final int PREAMBLE_BYTES = MAGIC_BYTES + 3;
    public static final int NONCE_BYTES = 32;
    public static final int PROOF_BYTES = 32;

    /** The greeting fields every HELLO and AUTH starts with. */
    public record Preamble(String magic, int version, int role) {
    }

    private AuthCodec() {
    }

    public static void encodeHello(Hello hello, ByteBuffer out) {
        putPreamble(out, hello.magic(), hello.version(), hello.role());
        out.put(hello.nonce());
    }

    public static void encodeAuth(Auth auth, ByteBuffer out) {
        putPreamble(out, auth.magic(), auth.version(), auth.role());
        out.put(auth.nonce()).put(auth.proof());
    }

    public static void encodeAuthOk(AuthOk ok, ByteBuffer out) {
        out.put(ok.proof());
    }

    /** The preamble at the buffer's position, read without consuming it. */
    public static Preamble peekPreamble(ByteBuffer in, String frame) throws WireException {
        if (in.remaining() < PREAMBLE_BYTES) {
            throw new WireException(ErrorCode.MALFORMED, frame + " payload is " + in.remaining()
                    + " bytes but its greeting alone needs " + PREAMBLE_BYTES);
        }
        int at = in.position();
        byte[] magic = new byte[MAGIC_BYTES];
        in.get(at, magic);
        return new Preamble(new String(magic, StandardCharsets.ISO_8859_1),
                Short.toUnsignedInt(in.getShort(at + MAGIC_BYTES)),
                Byte.toUnsignedInt(in.get(at + MAGIC_BYTES + 2)));
    }

    public static Hello decodeHello(ByteBuffer in) throws WireException {
        requireSize(in, PREAMBLE_BYTES + NONCE_BYTES, "HELLO");
        Preamble p = peekPreamble(in, "HELLO");
        in.position(in.position() + PREAMBLE_BYTES);
        return new Hello(p.magic(), p.version(), p.role(), WireBuffers.getBytes(in, NONCE_BYTES, "HELLO nonce"));
    }

    public static Auth decodeAuth(ByteBuffer in) throws WireException {
        requireSize(in, PREAMBLE_BYTES + NONCE_BYTES + PROOF_BYTES, "AUTH");
        Preamble p = peekPreamble(in, "AUTH");
        in.position(in.position() + PREAMBLE_BYTES);
        byte[] nonce = WireBuffers.getBytes(in, NONCE_BYTES, "AUTH nonce");
        byte[] proof = WireBuffers.getBytes(in, PROOF_BYTES, "AUTH proof");
        return new Auth(p.magic(), p.version(), p.role(), nonce, proof);
    }

    public static AuthOk decodeAuthOk(ByteBuffer in) throws WireException {
        requireSize(in, PROOF_BYTES, "AUTH_OK");
        return new AuthOk(WireBuffers.getBytes(in, PROOF_BYTES, "AUTH_OK proof"));
    }

    private static void putPreamble(ByteBuffer out, String magic, int version, int role) {
        byte[] bytes = magic.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length != MAGIC_BYTES) {
            throw new IllegalArgumentException("magic \"" + magic + "\" is " + bytes.length
                    + " bytes but the field holds " + MAGIC_BYTES);
        }
        if (version < 0 || version > 0xffff || role < 0 || role > 0xff) {
            throw new IllegalArgumentException("version " + version + " or role " + role
                    + " does not fit its field (u16, u8)");
        }
        out.put(bytes).putShort((short) version).put((byte) role);
    }

    private static void requireSize(ByteBuffer in, int size, String frame) throws WireException {
        if (in.remaining() != size) {
            throw new WireException(ErrorCode.MALFORMED, frame + " payload is " + in.remaining()
                    + " bytes but expected " + size);
        }
    }
}
