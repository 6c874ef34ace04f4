package org.lanfree.connect.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.lanfree.connect.Await;
import org.lanfree.connect.LogCapture;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.Strangers;
import org.lanfree.connect.auth.Authenticator;
import org.lanfree.connect.auth.Role;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.net.PortPair;
import org.lanfree.connect.net.TcpConn;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

/**
 * The file agent's listener on real loopback sockets, up to the STP step (no array is attached,
 * so every good session ends where the agent opens its STP socket).
 */
class FsAgentListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String NO_ARRAY = "this host is not attached to an array";
    private static final StateTimeouts<FsAgentHandshake.State> AGENT_TIMEOUTS =
            StateTimeouts.uniform(FsAgentHandshake.State.class, Duration.ofSeconds(3))
                    .with(FsAgentHandshake.State.AUTHENTICATING, Duration.ofMillis(300))
                    .with(FsAgentHandshake.State.AWAIT_GREETING, Duration.ofMillis(300))
                    .with(FsAgentHandshake.State.AWAIT_OFFER, Duration.ofMillis(300))
                    .with(FsAgentHandshake.State.AWAIT_LEGS, Duration.ofMillis(1000));
    private static final StateTimeouts<FsServerHandshake.State> SERVER_TIMEOUTS =
            StateTimeouts.uniform(FsServerHandshake.State.class, Duration.ofSeconds(3));

    private final SocketLayer agentLayer = new SocketLayer(null);
    private final SocketLayer serverLayer = new SocketLayer(null);
    private final List<FsSession> delivered = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private FsAgentListener listener;
    private SockAddr.Net wkp;
    private SockAddr.Net next;

    @BeforeAll
    static void captureLogs() {
        LogCapture.install();
    }

    @BeforeEach
    void startAgent() throws IOException {
        listener = FsAgentListener.serve(agentLayer, Strangers.SHARED, AGENT_TIMEOUTS,
                PortPair.bindFree("127.0.0.1", 16), delivered::add);
        wkp = listener.address();
        next = new SockAddr.Net(wkp.host(), wkp.port() + 1);
    }

    @AfterEach
    void stop() throws IOException {
        threads.shutdownNow();
        listener.close();
        agentLayer.close();
        serverLayer.close();
    }

    static Stream<Arguments> strangers() {
        return Strangers.against(Role.FS_AGENT, Role.MEDIA_SERVER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strangers")
    void strangersOnTheWellKnownPortAreRefusedAndTheListenerKeepsServing(Strangers.Script script, ErrorCode code,
            String fragment) throws IOException {
        Strangers.assertRefused(wkp, script, code, fragment);
        aGoodServerGetsAsFarAsTheArrayStep();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strangers")
    void strangersOnTheNextPortAreRefusedAndTheListenerKeepsServing(Strangers.Script script, ErrorCode code,
            String fragment) throws IOException {
        Strangers.assertRefused(next, script, code, fragment);
        aGoodServerGetsAsFarAsTheArrayStep();
    }

    @Test
    void aServerWithTheWrongSecretIsReportedToTheRefusalCallback() throws Exception {
        List<Refusal> refusals = new CopyOnWriteArrayList<>();
        listener.onRefusal(refusals::add);
        FsServerHandshake handshake = new FsServerHandshake(wkp, new StgGrant(1, 8), SERVER_TIMEOUTS);
        assertThrows(WireException.class,
                () -> handshake.open(serverLayer, SharedSecret.ofUtf8("not the agent's secret at all")));
        Await.until(() -> "refusals " + refusals, WAIT, () -> !refusals.isEmpty());
        assertTrue(refusals.get(0).authentication(), refusals.toString());
        assertTrue(refusals.get(0).peer().contains("127.0.0.1"), refusals.toString());
    }

    @Test
    void aGoodServerGetsAsFarAsTheArrayStepAndEverySocketIsClosed() throws IOException {
        WireException e = aGoodServerGetsAsFarAsTheArrayStep();
        LogCapture.awaitWarn(WAIT, "fs-agent: session", NO_ARRAY);
        assertTrue(e.getMessage().startsWith("PEER_ERROR: fs-server handshake with " + wkp), e.getMessage());
        assertEquals(List.of(), delivered);
    }

    @Test
    void manyServersAtOnceAreAllServed() throws Exception {
        List<CompletableFuture<WireException>> servers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            servers.add(CompletableFuture.supplyAsync(() -> assertThrows(WireException.class,
                    () -> new FsServerHandshake(wkp, new StgGrant(1, 8), SERVER_TIMEOUTS).open(serverLayer, Strangers.SHARED)),
                    threads));
        }
        for (CompletableFuture<WireException> server : servers) {
            WireException e = server.get(10, TimeUnit.SECONDS);
            assertTrue(e.getMessage().contains(NO_ARRAY), e.getMessage());
        }
        assertAllSocketsClosed();
    }

    /** A message an authenticated server sends first, and what the agent must answer. */
    record Opening(boolean nextPort, Message first, ErrorCode code, String fragment) {
    }

    static Stream<Arguments> wrongOpenings() {
        return Stream.of(
                opening("an unknown session token on the WKP", false, new Message.PairSession(999_999), ErrorCode.REFUSED,
                        "session token 999999 is unknown on this agent"),
                opening("an unknown session token on WKP+1", true, new Message.StgOffer(999_999, 1, 8), ErrorCode.REFUSED,
                        "session token 999999 is unknown on this agent"),
                opening("StpPort as the first message on the WKP", false, new Message.StpPort(5), ErrorCode.UNEXPECTED_FRAME,
                        "first message on the well-known port is StpPort[port=5] but expected Greeting or PairSession"),
                opening("a Greeting on WKP+1", true, new Message.Greeting("fs-backup"), ErrorCode.UNEXPECTED_FRAME,
                        "first message on the port after the well-known port is Greeting[service=fs-backup] but expected StgOffer"),
                opening("a greeting for another service", false, new Message.Greeting("nfs"), ErrorCode.REFUSED,
                        "greeting asks for service \"nfs\" but this agent serves \"fs-backup\""),
                opening("silence after authenticating", false, null, ErrorCode.TIMEOUT,
                        "waiting for MESSAGE: no frame from"));
    }

    private static Arguments opening(String name, boolean nextPort, Message first, ErrorCode code, String fragment) {
        return Arguments.of(Named.of(name, new Opening(nextPort, first, code, fragment)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongOpenings")
    void anAuthenticatedServerOpeningWrongIsRefusedAndTheListenerKeepsServing(Opening opening) throws IOException {
        try (FrameChannel channel = authenticated(opening.nextPort() ? next : wkp)) {
            if (opening.first() != null) {
                channel.writer().writeMessage(opening.first());
            }
            WireException e = assertThrows(WireException.class, () -> channel.reader().readMessage(WAIT));
            assertEquals(opening.code(), e.peerCode().orElseThrow(), e.getMessage());
            assertTrue(e.getMessage().contains(opening.fragment()), e.getMessage());
            LogCapture.awaitWarn(WAIT, "fs-agent: ", channel.conn().localAddress().toString(), opening.code().name());
        }
        aGoodServerGetsAsFarAsTheArrayStep();
    }

    @Test
    void aSessionWhoseOtherChannelsNeverComeTimesOutAndItsTokenDies() throws IOException {
        try (FrameChannel control = authenticated(wkp)) {
            control.writer().writeMessage(new Message.Greeting("fs-backup"));
            int token = ((Message.SessionToken) control.reader().readMessage(WAIT)).token();
            WireException e = assertThrows(WireException.class, () -> control.reader().readMessage(WAIT));
            assertEquals(ErrorCode.TIMEOUT, e.peerCode().orElseThrow());
            assertTrue(e.getMessage().contains("the session's channels were not all up within 1000 ms"
                    + " (CONTROL=AWAIT_LEGS ERRORS=AWAIT_PAIR STG=AWAIT_OFFER DATA=IDLE)"), e.getMessage());
            try (FrameChannel late = authenticated(wkp)) {
                late.writer().writeMessage(new Message.PairSession(token));
                WireException refused = assertThrows(WireException.class, () -> late.reader().readMessage(WAIT));
                assertTrue(refused.getMessage().contains("session " + token + " failed: TIMEOUT"), refused.getMessage());
            }
        }
        assertAllSocketsClosed();
    }

    @Test
    void aSecondErrorsConnectionForOneSessionIsRefused() throws IOException {
        try (FrameChannel control = authenticated(wkp); FrameChannel errors = authenticated(wkp);
                FrameChannel again = authenticated(wkp)) {
            control.writer().writeMessage(new Message.Greeting("fs-backup"));
            int token = ((Message.SessionToken) control.reader().readMessage(WAIT)).token();
            errors.writer().writeMessage(new Message.PairSession(token));
            assertEquals(new Message.SessionPaired(token), errors.reader().readMessage(WAIT));
            again.writer().writeMessage(new Message.PairSession(token));
            WireException e = assertThrows(WireException.class, () -> again.reader().readMessage(WAIT));
            assertEquals(ErrorCode.REFUSED, e.peerCode().orElseThrow());
            assertTrue(e.getMessage().contains("session " + token + " already has its ERRORS connection"), e.getMessage());
        }
    }

    @Test
    void aConnectionFromAnotherHostCannotJoinASession() throws IOException {
        try (FrameChannel control = authenticated(wkp)) {
            control.writer().writeMessage(new Message.Greeting("fs-backup"));
            int token = ((Message.SessionToken) control.reader().readMessage(WAIT)).token();
            TcpConn elsewhere = TcpConn.connect(SocketChannel.open(), wkp, new SockAddr.Net("127.0.0.2", 0), WAIT);
            try (FrameChannel foreign = serverAuthenticator().connect(elsewhere)) {
                foreign.writer().writeMessage(new Message.PairSession(token));
                WireException e = assertThrows(WireException.class, () -> foreign.reader().readMessage(WAIT));
                assertTrue(e.getMessage().contains("session " + token + " belongs to 127.0.0.1 but this connection comes from 127.0.0.2"),
                        e.getMessage());
            }
        }
    }

    @Test
    void closingTheListenerFailsSessionsInProgressAndStopsAccepting() throws IOException {
        try (FrameChannel control = authenticated(wkp)) {
            control.writer().writeMessage(new Message.Greeting("fs-backup"));
            control.reader().readMessage(WAIT);
            listener.close();
            listener.close();
            WireException e = assertThrows(WireException.class, () -> control.reader().readMessage(WAIT));
            assertTrue(e.getMessage().contains("the agent's listener is closing"), e.getMessage());
        }
        assertThrows(IOException.class, () -> TcpConn.connect(wkp, WAIT));
        Await.until(() -> "agent descriptors " + agentLayer.openDescriptors(), WAIT, () -> agentLayer.openDescriptors().isEmpty());
    }

    private WireException aGoodServerGetsAsFarAsTheArrayStep() {
        FsServerHandshake handshake = new FsServerHandshake(wkp, new StgGrant(1, 8), SERVER_TIMEOUTS);
        WireException e = assertThrows(WireException.class, () -> handshake.open(serverLayer, Strangers.SHARED));
        assertEquals(ErrorCode.PEER_ERROR, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(NO_ARRAY), e.getMessage());
        assertTrue(handshake.tokenValue() > 0, "the agent sent its session token");
        assertAllSocketsClosed();
        return e;
    }

    private void assertAllSocketsClosed() {
        Await.until(() -> "server descriptors " + serverLayer.openDescriptors(), WAIT,
                () -> serverLayer.openDescriptors().isEmpty());
        Await.until(() -> "agent descriptors " + agentLayer.openDescriptors() + " besides its two listeners", WAIT,
                () -> agentLayer.openDescriptors().size() == 2 && listener.sessionsInProgress() == 0);
    }

    private static Authenticator serverAuthenticator() {
        return new Authenticator(Strangers.SHARED, Role.MEDIA_SERVER, Role.FS_AGENT);
    }

    private static FrameChannel authenticated(SockAddr.Net port) throws IOException {
        return serverAuthenticator().connect(TcpConn.connect(port, WAIT));
    }
}
