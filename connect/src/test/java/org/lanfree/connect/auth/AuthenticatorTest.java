package org.lanfree.connect.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanfree.connect.BadPeer;
import org.lanfree.connect.Conn;
import org.lanfree.connect.LogCapture;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.net.TcpConn;
import org.lanfree.connect.net.TcpListener;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameType;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

class AuthenticatorTest {

    static final byte[] SECRET = "the-test-secret-of-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    private static final Duration STATE = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Authenticator server = new Authenticator(SharedSecret.of(SECRET), Role.FS_AGENT, Role.MEDIA_SERVER)
            .withStateTimeout(STATE);
    private final Authenticator client = new Authenticator(SharedSecret.of(SECRET), Role.MEDIA_SERVER, Role.FS_AGENT)
            .withStateTimeout(STATE);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private TcpListener listener;

    @BeforeAll
    static void captureLogs() {
        LogCapture.install();
    }

    @BeforeEach
    void listen() throws IOException {
        listener = TcpListener.bind(new SockAddr.Net("127.0.0.1", 0), 8);
        listener.setAcceptTimeout(WAIT);
    }

    @AfterEach
    void stop() throws IOException {
        threads.shutdownNow();
        listener.close();
    }

    /** Accepts one connection and authenticates it; completes with the channel or the failure. */
    private CompletableFuture<Object> acceptOne(Authenticator acceptor) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return acceptor.accept(listener.accept());
            } catch (IOException e) {
                return e;
            }
        }, threads);
    }

    @Test
    void peersWithTheSameSecretAuthenticateAndGoOnTalking() throws Exception {
        CompletableFuture<Object> accepted = acceptOne(server);
        FrameChannel connector = client.connect(TcpConn.connect(listener.localAddress(), WAIT));
        FrameChannel acceptor = (FrameChannel) accepted.get(5, TimeUnit.SECONDS);
        connector.writer().writeMessage(new Message.Greeting("fs-backup"));
        assertEquals(new Message.Greeting("fs-backup"), acceptor.reader().readMessage(WAIT));
        acceptor.writer().writeMessage(new Message.SessionToken(4));
        assertEquals(new Message.SessionToken(4), connector.reader().readMessage(WAIT));
        connector.close();
        acceptor.close();
    }

    @Test
    void aProofComputedFromTheDocumentedTranscriptIsAccepted() throws Exception {
        CompletableFuture<Object> accepted = acceptOne(server);
        try (BadPeer peer = BadPeer.connect(listener.localAddress())) {
            byte[] nonceA = nonceOf(peer.readHello());
            byte[] nonceB = new byte[32];
            new Random(3).nextBytes(nonceB);
            byte[] proof = BadPeer.connectorProof(SECRET, 1, Role.FS_AGENT.code(), Role.MEDIA_SERVER.code(), nonceA, nonceB);
            peer.sendFrame(BadPeer.AUTH, BadPeer.authPayload("LANFREE", 1, Role.MEDIA_SERVER.code(), nonceB, proof));
            assertEquals(BadPeer.AUTH_OK, peer.readFrame().type());
            assertTrue(accepted.get(5, TimeUnit.SECONDS) instanceof FrameChannel);
        }
    }

    /** What the bad peer does after reading the HELLO. */
    @FunctionalInterface
    interface Script {
        void play(BadPeer peer, byte[] helloNonce) throws IOException;
    }

    static Stream<Arguments> strangers() {
        byte[] random = new byte[64];
        new Random(7).nextBytes(random);
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
                        BadPeer.authPayload("LANFREE", 3, Role.MEDIA_SERVER.code(), new byte[32], new byte[32])),
                        ErrorCode.BAD_VERSION, "the peer's greeting says protocol version 3 but this side speaks 1"),
                stranger("a wrong magic", (p, n) -> p.sendFrame(BadPeer.AUTH,
                        BadPeer.authPayload("LANFREX", 1, Role.MEDIA_SERVER.code(), new byte[32], new byte[32])),
                        ErrorCode.BAD_MAGIC, "greeting magic is \"LANFREX\" but expected \"LANFREE\""),
                stranger("a wrong role", (p, n) -> p.sendFrame(BadPeer.AUTH,
                        BadPeer.authPayload("LANFREE", 1, Role.DB_AGENT.code(), new byte[32], new byte[32])),
                        ErrorCode.BAD_ROLE, "says role DB_AGENT but this FS_AGENT expects MEDIA_SERVER"),
                stranger("a wrong secret", (p, n) -> {
                    byte[] nonceB = new byte[32];
                    byte[] wrong = "another-secret-that-is-not-ours!".getBytes(StandardCharsets.UTF_8);
                    p.sendFrame(BadPeer.AUTH, BadPeer.authPayload("LANFREE", 1, Role.MEDIA_SERVER.code(), nonceB,
                            BadPeer.connectorProof(wrong, 1, Role.FS_AGENT.code(), Role.MEDIA_SERVER.code(), n, nonceB)));
                }, ErrorCode.AUTH_FAILED, "the peer's proof does not match this side's shared secret"),
                stranger("a reflected nonce", (p, n) -> p.sendFrame(BadPeer.AUTH, BadPeer.authPayload("LANFREE", 1,
                        Role.MEDIA_SERVER.code(), n, BadPeer.connectorProof(SECRET, 1, Role.FS_AGENT.code(), Role.MEDIA_SERVER.code(), n, n))),
                        ErrorCode.AUTH_FAILED, "repeats this side's challenge"),
                stranger("a short AUTH payload", (p, n) -> p.sendFrame(BadPeer.AUTH, "LANFREE\u0000\u0001\u0001x".getBytes(StandardCharsets.ISO_8859_1)),
                        ErrorCode.MALFORMED, "AUTH payload is 11 bytes but expected 74"),
                stranger("a message before authenticating", (p, n) -> p.sendFrame(BadPeer.MESSAGE, new byte[] {0, 6, 0, 0, 0, 1}),
                        ErrorCode.UNEXPECTED_FRAME, "expected a AUTH frame from"),
                stranger("silence", (p, n) -> { }, ErrorCode.TIMEOUT, "waiting for AUTH: no frame from"),
                stranger("an early close", (p, n) -> p.close(), ErrorCode.PEER_CLOSED, "closed the connection while this side waited"));
    }

    private static Arguments stranger(String name, Script script, ErrorCode code, String fragment) {
        return Arguments.of(Named.of(name, script), code, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strangers")
    void strangersAreRefusedWithTheExactErrorAndOneWarnLine(Script script, ErrorCode code, String fragment) throws Exception {
        CompletableFuture<Object> accepted = acceptOne(server);
        try (BadPeer peer = BadPeer.connect(listener.localAddress())) {
            byte[] nonce = nonceOf(peer.readHello());
            script.play(peer, nonce);
            WireException refused = (WireException) accepted.get(5, TimeUnit.SECONDS);
            assertEquals(code, refused.code(), refused.getMessage());
            assertTrue(refused.getMessage().contains(fragment), refused.getMessage());
            LogCapture.awaitWarn(WAIT, "auth: refused " + peer.address() + ": " + code + ": ");
            if (code != ErrorCode.PEER_CLOSED) {
                BadPeer.RawError error = peer.readError();
                assertEquals(code.wireValue(), error.code());
                assertEquals(refused.detail(), error.detail());
                assertTrue(peer.closedWithin(WAIT), "the acceptor closes the connection");
            }
        }
    }

    @Test
    void theAcceptorStillAuthenticatesAGoodPeerAfterStrangers() throws Exception {
        for (int i = 0; i < 3; i++) {
            CompletableFuture<Object> accepted = acceptOne(server);
            try (BadPeer peer = BadPeer.connect(listener.localAddress())) {
                peer.readHello();
                peer.send(new byte[] {-1, -1, -1, -1});
                assertTrue(accepted.get(5, TimeUnit.SECONDS) instanceof WireException);
            }
        }
        peersWithTheSameSecretAuthenticateAndGoOnTalking();
    }

    @Test
    void aConnectorWithAnotherSecretLearnsItWasRefused() throws Exception {
        CompletableFuture<Object> accepted = acceptOne(server);
        Authenticator stranger = new Authenticator(SharedSecret.ofUtf8("another-secret-that-is-not-ours!"),
                Role.MEDIA_SERVER, Role.FS_AGENT);
        WireException e = assertThrows(WireException.class,
                () -> stranger.connect(TcpConn.connect(listener.localAddress(), WAIT)));
        assertEquals(ErrorCode.PEER_ERROR, e.code());
        assertEquals(ErrorCode.AUTH_FAILED, e.peerCode().orElseThrow());
        assertEquals(ErrorCode.AUTH_FAILED, ((WireException) accepted.get(5, TimeUnit.SECONDS)).code());
    }

    /** A scripted acceptor: what it sends after accepting, raw. */
    @FunctionalInterface
    interface AcceptorScript {
        void play(Conn conn) throws IOException;
    }

    static Stream<Arguments> impostors() {
        return Stream.of(
                impostor("a HELLO of another version", c -> c.send(ByteBuffer.wrap(BadPeer.frame(BadPeer.HELLO,
                        hello("LANFREE", 2, Role.FS_AGENT)))), ErrorCode.BAD_VERSION, "protocol version 2 but this side speaks 1"),
                impostor("a HELLO from the wrong kind of process", c -> c.send(ByteBuffer.wrap(BadPeer.frame(BadPeer.HELLO,
                        hello("LANFREE", 1, Role.DB_AGENT)))), ErrorCode.BAD_ROLE, "says role DB_AGENT but this MEDIA_SERVER expects FS_AGENT"),
                impostor("an AUTH_OK without the secret", c -> {
                    c.send(ByteBuffer.wrap(BadPeer.frame(BadPeer.HELLO, hello("LANFREE", 1, Role.FS_AGENT))));
                    new FrameReader(c).expect(FrameType.AUTH, WAIT);
                    c.send(ByteBuffer.wrap(BadPeer.frame(BadPeer.AUTH_OK, new byte[32])));
                }, ErrorCode.AUTH_FAILED, "the acceptor's proof does not match this side's shared secret"),
                impostor("an acceptor that says nothing", c -> { }, ErrorCode.TIMEOUT, "waiting for HELLO: no frame from"));
    }

    private static Arguments impostor(String name, AcceptorScript script, ErrorCode code, String fragment) {
        return Arguments.of(Named.of(name, script), code, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impostors")
    void theConnectorChecksTheAcceptorFieldByFieldAndItsProof(AcceptorScript script, ErrorCode code, String fragment)
            throws Exception {
        CompletableFuture<Conn> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                Conn conn = listener.accept();
                script.play(conn);
                return conn;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        WireException e = assertThrows(WireException.class, () -> client.connect(TcpConn.connect(listener.localAddress(), WAIT)));
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        try (Conn impostor = accepted.get(5, TimeUnit.SECONDS)) {
            FrameReader reader = new FrameReader(impostor);
            WireException told = assertThrows(WireException.class, () -> {
                while (true) {
                    reader.expect(FrameType.ERROR, WAIT);
                }
            });
            if (code == ErrorCode.TIMEOUT) {
                assertEquals(ErrorCode.PEER_ERROR, told.code());
            } else {
                assertEquals(code, told.peerCode().orElseThrow(), told.getMessage());
            }
        }
    }

    @Test
    void theConnectorClosesItsConnectionWhenAuthenticationFails() throws Exception {
        CompletableFuture<Conn> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return listener.accept();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        TcpConn conn = TcpConn.connect(listener.localAddress(), WAIT);
        assertThrows(WireException.class, () -> client.connect(conn));
        IOException closed = assertThrows(IOException.class, () -> conn.send(ByteBuffer.allocate(1)));
        assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
        accepted.get(5, TimeUnit.SECONDS).close();
    }

    private static byte[] hello(String magic, int version, Role role) {
        return ByteBuffer.allocate(42).put(magic.getBytes(StandardCharsets.ISO_8859_1)).putShort((short) version)
                .put((byte) role.code()).put(new byte[32]).array();
    }

    private static byte[] nonceOf(BadPeer.RawFrame hello) {
        return Arrays.copyOfRange(hello.payload(), 10, 42);
    }
}
