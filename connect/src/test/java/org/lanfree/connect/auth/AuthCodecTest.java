package org.lanfree.connect.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanfree.connect.BadPeer;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.WireException;

class AuthCodecTest {

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    static Stream<Hello> hellos() {
        return Stream.of(new Hello("LANFREE", 1, 1, filled(0)), new Hello("LANFREE", 0, 0, filled(0xff)),
                new Hello("\u0000\u00ffXYZ12", 65535, 255, filled(0x5a)));
    }

    static Stream<Auth> auths() {
        return Stream.of(new Auth("LANFREE", 1, 2, filled(1), filled(2)), new Auth("LANFREE", 65535, 255, filled(0xff), filled(0)),
                new Auth("GET / H", 0, 0, filled(0), filled(0xff)));
    }

    @ParameterizedTest
    @MethodSource("hellos")
    void helloSurvivesARoundTrip(Hello hello) throws WireException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        AuthCodec.encodeHello(hello, buffer);
        assertEquals(AuthCodec.PREAMBLE_BYTES + AuthCodec.NONCE_BYTES, buffer.position());
        assertEquals(hello, AuthCodec.decodeHello(buffer.flip()));
    }

    @ParameterizedTest
    @MethodSource("auths")
    void authSurvivesARoundTripAndMatchesTheGrammar(Auth auth) throws WireException {
        ByteBuffer buffer = ByteBuffer.allocate(128);
        AuthCodec.encodeAuth(auth, buffer);
        byte[] encoded = Arrays.copyOf(buffer.array(), buffer.position());
        byte[] byGrammar = BadPeer.authPayload(auth.magic(), auth.version(), auth.role(), auth.nonce(), auth.proof());
        assertEquals(Arrays.toString(byGrammar), Arrays.toString(encoded));
        assertEquals(auth, AuthCodec.decodeAuth(buffer.flip()));
    }

    @Test
    void authOkSurvivesARoundTrip() throws WireException {
        for (int value : new int[] {0, 0x80, 0xff}) {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            AuthCodec.encodeAuthOk(new AuthOk(filled(value)), buffer);
            assertEquals(new AuthOk(filled(value)), AuthCodec.decodeAuthOk(buffer.flip()));
        }
    }

    @Test
    void thePreambleIsReadWithoutConsumingIt() throws WireException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        AuthCodec.encodeHello(new Hello("LANFREE", 3, 2, filled(7)), buffer);
        buffer.flip();
        assertEquals(new AuthCodec.Preamble("LANFREE", 3, 2), AuthCodec.peekPreamble(buffer, "HELLO"));
        assertEquals(0, buffer.position());
    }

    @Test
    void payloadsOfTheWrongSizeAreMalformed() {
        WireException shortHello = assertThrows(WireException.class, () -> AuthCodec.decodeHello(ByteBuffer.allocate(41)));
        assertEquals(ErrorCode.MALFORMED, shortHello.code());
        assertTrue(shortHello.getMessage().contains("HELLO payload is 41 bytes but expected 42"), shortHello.getMessage());
        WireException longAuth = assertThrows(WireException.class, () -> AuthCodec.decodeAuth(ByteBuffer.allocate(75)));
        assertTrue(longAuth.getMessage().contains("AUTH payload is 75 bytes but expected 74"), longAuth.getMessage());
        WireException tiny = assertThrows(WireException.class, () -> AuthCodec.peekPreamble(ByteBuffer.allocate(3), "AUTH"));
        assertTrue(tiny.getMessage().contains("AUTH payload is 3 bytes but its greeting alone needs 10"), tiny.getMessage());
    }

    @Test
    void aShortSecretIsRefusedWithAHintAndSecretsAreNeverPrinted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedSecret.ofUtf8("short"));
        assertTrue(e.getMessage().contains("shared secret is 5 bytes but at least 16 are required; HINT"), e.getMessage());
        assertEquals("SharedSecret[20 bytes]", SharedSecret.ofUtf8("do-not-print-this-20").toString());
    }
}
