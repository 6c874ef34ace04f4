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
import org.lanfree.connect.Strangers;
import org.lanfree.connect.net.TcpConn;
import org.lanfree.connect.net.TcpListener;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameType;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

class AuthenticatorTest {

    static final byte[] SECRET = Strangers.SECRET;
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

    static Stream<Arguments> strangers() {
        return Strangers.against(Role.FS_AGENT, Role.MEDIA_SERVER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strangers")
    void strangersAreRefusedWithTheExactErrorAndOneWarnLine(Strangers.Script script, ErrorCode code, String fragment)
            throws Exception {
        CompletableFuture<Object> accepted = acceptOne(server);
        Strangers.assertRefused(listener.localAddress(), script, code, fragment);
        WireException refused = (WireException) accepted.get(5, TimeUnit.SECONDS);
        assertEquals(code, refused.code(), refused.getMessage());
        assertTrue(refused.getMessage().contains(fragment), refused.getMessage());
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
