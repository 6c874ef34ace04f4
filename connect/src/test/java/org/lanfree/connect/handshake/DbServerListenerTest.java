package org.lanfree.connect.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
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
import org.lanfree.connect.net.TcpConn;
import org.lanfree.connect.net.TcpListener;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

/**
 * The media server's database listener on real loopback sockets, up to the STP step (no array
 * is attached, so a good database agent fails where it opens its STP socket).
 */
class DbServerListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String NO_ARRAY = "this host is not attached to an array";
    private static final StateTimeouts<DbServerHandshake.State> SERVER_TIMEOUTS =
            StateTimeouts.uniform(DbServerHandshake.State.class, Duration.ofSeconds(3))
                    .with(DbServerHandshake.State.AUTHENTICATING, Duration.ofMillis(300))
                    .with(DbServerHandshake.State.AWAIT_REQUEST, Duration.ofMillis(300));
    static final StateTimeouts<DbClientHandshake.State> AGENT_TIMEOUTS =
            StateTimeouts.uniform(DbClientHandshake.State.class, Duration.ofSeconds(3));

    private final SocketLayer serverLayer = new SocketLayer(null);
    private final SocketLayer agentLayer = new SocketLayer(null);
    private final List<DbSession> delivered = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private DbServerListener listener;
    private SockAddr.Net wkp;

    @BeforeAll
    static void captureLogs() {
        LogCapture.install();
    }

    @BeforeEach
    void startServer() throws IOException {
        listener = DbServerListener.bind(serverLayer, Strangers.SHARED, SERVER_TIMEOUTS,
                new SockAddr.Net("127.0.0.1", 0), DbServerHandshakeTest.POLICY, delivered::add);
        wkp = listener.address();
    }

    @AfterEach
    void stop() throws IOException {
        threads.shutdownNow();
        listener.close();
        serverLayer.close();
        agentLayer.close();
    }

    static Stream<Arguments> strangers() {
        return Strangers.against(Role.MEDIA_SERVER, Role.DB_AGENT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strangers")
    void strangersOnTheWellKnownPortAreRefusedAndTheListenerKeepsServing(Strangers.Script script, ErrorCode code,
            String fragment) throws IOException {
        Strangers.assertRefused(wkp, script, code, fragment);
        aGoodAgentGetsAsFarAsTheArrayStep();
    }

    @Test
    void anAgentWithTheWrongSecretIsReportedToTheRefusalCallback() throws Exception {
        List<Refusal> refusals = new CopyOnWriteArrayList<>();
        listener.onRefusal(refusals::add);
        assertThrows(WireException.class, () -> new DbClientHandshake(wkp, "intruder", "127.0.0.1", AGENT_TIMEOUTS)
                .open(agentLayer, SharedSecret.ofUtf8("not the server's secret at all")));
        Await.until(() -> "refusals " + refusals, WAIT, () -> !refusals.isEmpty());
        assertTrue(refusals.get(0).authentication(), refusals.toString());
    }

    @Test
    void aGoodAgentGetsAsFarAsTheArrayStepAndEverySocketIsClosed() throws IOException {
        WireException e = aGoodAgentGetsAsFarAsTheArrayStep();
        assertTrue(e.getMessage().startsWith("IO_FAILED: db-agent pg-main handshake with " + wkp
                + ": DATA leg failed in state LISTENING_STP: socket(STP): " + NO_ARRAY), e.getMessage());
        LogCapture.awaitWarn(WAIT, "db-server: refused", "raised IO_FAILED", NO_ARRAY);
        assertEquals(List.of(), delivered);
    }

    /** A request an authenticated agent sends, and what the server must answer. */
    record Request(Message message, ErrorCode code, String fragment) {
    }

    static Stream<Arguments> wrongRequests() {
        return Stream.of(
                request("a request without a client name", new Message.DbCallback("", 5555), ErrorCode.REFUSED,
                        "the request names no client"),
                request("a call-back port of zero", new Message.DbCallback("pg-main", 0), ErrorCode.REFUSED,
                        "call-back port 0 is not a port to connect to"),
                request("a client the policy refuses", new Message.DbCallback("evil", 5555), ErrorCode.REFUSED,
                        "client evil has no STG grant"),
                request("a greeting instead of a request", new Message.Greeting("fs-backup"), ErrorCode.UNEXPECTED_FRAME,
                        "state is AWAIT_REQUEST but got Greeting[service=fs-backup]"),
                request("silence after authenticating", null, ErrorCode.TIMEOUT, "waiting for MESSAGE: no frame from"));
    }

    private static Arguments request(String name, Message message, ErrorCode code, String fragment) {
        return Arguments.of(Named.of(name, new Request(message, code, fragment)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongRequests")
    void anAuthenticatedAgentAskingWrongIsRefusedAndTheListenerKeepsServing(Request request) throws IOException {
        try (FrameChannel channel = authenticatedAgent()) {
            if (request.message() != null) {
                channel.writer().writeMessage(request.message());
            }
            WireException e = assertThrows(WireException.class, () -> channel.reader().readMessage(WAIT));
            assertEquals(request.code(), e.peerCode().orElseThrow(), e.getMessage());
            assertTrue(e.getMessage().contains(request.fragment()), e.getMessage());
            LogCapture.awaitWarn(WAIT, "db-server: refused " + channel.conn().localAddress(), request.code().name());
        }
        aGoodAgentGetsAsFarAsTheArrayStep();
    }

    @Test
    void aCallBackPortWhereNothingListensFailsTheRequestAndTellsTheAgent() throws IOException {
        SockAddr.Net closed;
        try (TcpListener gone = TcpListener.bind(new SockAddr.Net("127.0.0.1", 0), 1)) {
            closed = gone.localAddress();
        }
        try (FrameChannel channel = authenticatedAgent()) {
            channel.writer().writeMessage(new Message.DbCallback("pg-main", closed.port()));
            assertTrue(channel.reader().readMessage(WAIT) instanceof Message.CallbackAck);
            WireException e = assertThrows(WireException.class, () -> channel.reader().readMessage(WAIT));
            assertEquals(ErrorCode.IO_FAILED, e.peerCode().orElseThrow());
            assertTrue(e.getMessage().contains("CALLBACK leg failed in state OPENING_CALLBACK: connect to " + closed + " failed"),
                    e.getMessage());
        }
        Await.until(() -> "server descriptors " + serverLayer.openDescriptors(), WAIT,
                () -> serverLayer.openDescriptors().size() == 1);
    }

    @Test
    void theServerCallsBackAuthenticatesAndGoesAsFarAsItsOwnArrayStep() throws Exception {
        try (TcpListener callback = TcpListener.bind(new SockAddr.Net("127.0.0.1", 0), 1);
                FrameChannel request = authenticatedAgent()) {
            callback.setAcceptTimeout(WAIT);
            request.writer().writeMessage(new Message.DbCallback("pg-main", callback.localAddress().port()));
            int session = ((Message.CallbackAck) request.reader().readMessage(WAIT)).session();
            Authenticator agent = new Authenticator(Strangers.SHARED, Role.DB_AGENT, Role.MEDIA_SERVER);
            try (FrameChannel back = agent.accept(callback.accept())) {
                assertEquals(new Message.StgOffer(session, 2, 4), back.reader().readMessage(WAIT));
                back.writer().writeMessage(new Message.StpPort(41));
                WireException e = assertThrows(WireException.class, () -> back.reader().readMessage(WAIT));
                assertEquals(ErrorCode.IO_FAILED, e.peerCode().orElseThrow());
                assertTrue(e.getMessage().contains("DATA leg failed in state CONNECTING_STP: socket(STP): " + NO_ARRAY),
                        e.getMessage());
            }
        }
    }

    @Test
    void severalAgentsAtOnceAreAllServed() throws Exception {
        List<CompletableFuture<WireException>> agents = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            String client = "db-" + i;
            agents.add(CompletableFuture.supplyAsync(() -> assertThrows(WireException.class,
                    () -> new DbClientHandshake(wkp, client, "127.0.0.1", AGENT_TIMEOUTS).open(agentLayer, Strangers.SHARED)),
                    threads));
        }
        for (CompletableFuture<WireException> agent : agents) {
            WireException e = agent.get(10, TimeUnit.SECONDS);
            assertTrue(e.getMessage().contains(NO_ARRAY), e.getMessage());
        }
        assertAllSocketsClosed();
    }

    private WireException aGoodAgentGetsAsFarAsTheArrayStep() {
        DbClientHandshake handshake = new DbClientHandshake(wkp, "pg-main", "127.0.0.1", AGENT_TIMEOUTS);
        WireException e = assertThrows(WireException.class, () -> handshake.open(agentLayer, Strangers.SHARED));
        assertEquals(ErrorCode.IO_FAILED, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(NO_ARRAY), e.getMessage());
        assertEquals(new StgGrant(2, 4), handshake.grant(), "the server's offer arrived");
        assertAllSocketsClosed();
        return e;
    }

    private void assertAllSocketsClosed() {
        Await.until(() -> "agent descriptors " + agentLayer.openDescriptors(), WAIT,
                () -> agentLayer.openDescriptors().isEmpty());
        Await.until(() -> "server descriptors " + serverLayer.openDescriptors() + " besides its listener", WAIT,
                () -> serverLayer.openDescriptors().size() == 1 && listener.handshakesInProgress() == 0);
    }

    private FrameChannel authenticatedAgent() throws IOException {
        return new Authenticator(Strangers.SHARED, Role.DB_AGENT, Role.MEDIA_SERVER).connect(TcpConn.connect(wkp, WAIT));
    }
}
