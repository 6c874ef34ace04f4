package org.lanfree.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.lanfree.connect.auth.Role;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.wire.ErrorCode;

/**
 * The scripted strangers every authenticating port must turn away: garbage, broken frames, wrong
 * greetings, a wrong secret, silence and an early close. Each comes with the error code the port
 * must answer and a fragment of its message.
 */
public final class Strangers {

    /** The secret the tests configure on both good sides. */
    public static final byte[] SECRET = "the-test-secret-of-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    public static final SharedSecret SHARED = SharedSecret.of(SECRET);
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** What a stranger does once it has read the acceptor's HELLO (whose nonce it is given). */
    @FunctionalInterface
    public interface Script {
        void play(BadPeer peer, byte[] helloNonce) throws IOException;
    }

    private Strangers() {
    }

    /** Arguments (named script, expected code, message fragment) for an acceptor of {@code acceptor} expecting {@code connector}. */
    public static Stream<Arguments> against(Role acceptor, Role connector) {
        byte[] random = new byte[64];
        new Random(7).nextBytes(random);
        Role wrongRole = connector == Role.MEDIA_SERVER ? Role.DB_AGENT : Role.MEDIA_SERVER;
        int a = acceptor.code();
        int c = connector.code();
        return Stream.of(
                stranger("an HTTP request", (p, n) -> p.send("GET / HTTP/1.1\r\nHost: lanfree\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                        ErrorCode.FRAME_TOO_LONG, "frame length 1195725856 from"),
                stranger("random bytes", (p, n) -> p.send(random), ErrorCode.FRAME_TOO_LONG, "exceeds the limit of 1024 bytes"),
                stranger("a garbage frame of plausible length", (p, n) -> p.send(new byte[] {0, 0, 0, 4, 2, 9, 9, 9, 1, 2, 3, 4}),
                        ErrorCode.BAD_CRC, "frame of 4 bytes"),
                stranger("a truncated AUTH frame", (p, n) -> {
                    p.send(ByteBuffer.allocate(25).putInt(75).put((byte) 2).put("LANFREE".getBytes(StandardCharsets.US_ASCII)).array());
                    p.shutdownOutput();
                }, ErrorCode.TRUNCATED, "closed the connection after 25 of 83 bytes"),
                stranger("an oversized length field", (p, n) -> p.send(new byte[] {-1, -1, -1, -1}),
                        ErrorCode.FRAME_TOO_LONG, "frame length 4294967295 from"),
                stranger("a wrong protocol version", (p, n) -> p.sendFrame(BadPeer.AUTH,
                        BadPeer.authPayload("LANFREE", 3, c, new byte[32], new byte[32])),
                        ErrorCode.BAD_VERSION, "the peer's greeting says protocol version 3 but this side speaks 1"),
                stranger("a wrong magic", (p, n) -> p.sendFrame(BadPeer.AUTH,
                        BadPeer.authPayload("LANFREX", 1, c, new byte[32], new byte[32])),
                        ErrorCode.BAD_MAGIC, "greeting magic is \"LANFREX\" but expected \"LANFREE\""),
                stranger("a wrong role", (p, n) -> p.sendFrame(BadPeer.AUTH,
                        BadPeer.authPayload("LANFREE", 1, wrongRole.code(), new byte[32], new byte[32])),
                        ErrorCode.BAD_ROLE, "says role " + wrongRole + " but this " + acceptor + " expects " + connector),
                stranger("a wrong secret", (p, n) -> {
                    byte[] nonceB = new byte[32];
                    byte[] wrong = "another-secret-that-is-not-ours!".getBytes(StandardCharsets.UTF_8);
                    p.sendFrame(BadPeer.AUTH, BadPeer.authPayload("LANFREE", 1, c, nonceB,
                            BadPeer.connectorProof(wrong, 1, a, c, n, nonceB)));
                }, ErrorCode.AUTH_FAILED, "the peer's proof does not match this side's shared secret"),
                stranger("a reflected nonce", (p, n) -> p.sendFrame(BadPeer.AUTH,
                        BadPeer.authPayload("LANFREE", 1, c, n, BadPeer.connectorProof(SECRET, 1, a, c, n, n))),
                        ErrorCode.AUTH_FAILED, "repeats this side's challenge"),
                stranger("a short AUTH payload", (p, n) -> p.sendFrame(BadPeer.AUTH,
                        ByteBuffer.allocate(11).put("LANFREE".getBytes(StandardCharsets.US_ASCII)).putShort((short) 1)
                                .put((byte) c).put((byte) 'x').array()),
                        ErrorCode.MALFORMED, "AUTH payload is 11 bytes but expected 74"),
                stranger("a message before authenticating", (p, n) -> p.sendFrame(BadPeer.MESSAGE, new byte[] {0, 6, 0, 0, 0, 1}),
                        ErrorCode.UNEXPECTED_FRAME, "expected a AUTH frame from"),
                stranger("silence", (p, n) -> { }, ErrorCode.TIMEOUT, "waiting for AUTH: no frame from"),
                stranger("an early close", (p, n) -> p.close(), ErrorCode.PEER_CLOSED, "closed the connection while this side waited"));
    }

    private static Arguments stranger(String name, Script script, ErrorCode code, String fragment) {
        return Arguments.of(Named.of(name, script), code, fragment);
    }

    /**
     * Plays {@code script} against the authenticating port at {@code address} and asserts the
     * refusal: the ERROR frame with {@code code} and {@code fragment} (none after an early close),
     * the close, and one WARN line naming the stranger's address and the code.
     */
    public static void assertRefused(SockAddr.Net address, Script script, ErrorCode code, String fragment) throws IOException {
        try (BadPeer peer = BadPeer.connect(address)) {
            BadPeer.RawFrame hello = peer.readHello();
            script.play(peer, Arrays.copyOfRange(hello.payload(), 10, 42));
            LogCapture.awaitWarn(WAIT, "auth: refused " + peer.address() + ": " + code + ": ", fragment);
            if (code != ErrorCode.PEER_CLOSED) {
                BadPeer.RawError error = peer.readError();
                assertEquals(code.wireValue(), error.code(), error.detail());
                assertTrue(error.detail().contains(fragment), error.detail());
                assertTrue(peer.closedWithin(WAIT), "the port closes the stranger's connection");
            }
        }
    }
}
