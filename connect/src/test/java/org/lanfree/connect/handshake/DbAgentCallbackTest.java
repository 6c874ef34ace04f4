package org.lanfree.connect.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import org.lanfree.connect.net.TcpConn;
import org.lanfree.connect.net.TcpListener;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

/**
 * The database agent's dynamic (call-back) port on real loopback sockets, against a scripted
 * media server that acknowledges the request and then lets strangers, a wrong call back and
 * finally the right one at the port.
 */
class DbAgentCallbackTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int SESSION = 77;
    private static final StateTimeouts<DbClientHandshake.State> AGENT_TIMEOUTS =
            StateTimeouts.uniform(DbClientHandshake.State.class, Duration.ofSeconds(3))
                    .with(DbClientHandshake.State.AUTHENTICATING, Duration.ofMillis(300))
                    .with(DbClientHandshake.State.AWAIT_CALLBACK, Duration.ofSeconds(2));

    private final SocketLayer agentLayer = new SocketLayer(null);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Authenticator server = new Authenticator(Strangers.SHARED, Role.MEDIA_SERVER, Role.DB_AGENT);
    private TcpListener wkp;
    private CompletableFuture<DbSession> agent;
    private FrameChannel request;
    private SockAddr.Net callback;

    @BeforeAll
    static void captureLogs() {
        LogCapture.install();
    }

    /** Starts the agent's handshake and plays the server up to the acknowledgement. */
    @BeforeEach
    void agentAsksAndIsAcknowledged() throws IOException {
        wkp = TcpListener.bind(new SockAddr.Net("127.0.0.1", 0), 4);
        wkp.setAcceptTimeout(WAIT);
        DbClientHandshake handshake = new DbClientHandshake(wkp.localAddress(), "pg-main", "127.0.0.1", AGENT_TIMEOUTS);
        agent = CompletableFuture.supplyAsync(() -> {
            try {
                return handshake.open(agentLayer, Strangers.SHARED);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        request = server.accept(wkp.accept());
        Message.DbCallback asked = (Message.DbCallback) request.reader().readMessage(WAIT);
        assertEquals("pg-main", asked.client());
        request.writer().writeMessage(new Message.CallbackAck(SESSION));
        callback = new SockAddr.Net("127.0.0.1", asked.port());
    }

    @AfterEach
    void stop() throws IOException {
        request.close();
        wkp.close();
        threads.shutdownNow();
        agentLayer.close();
    }

    static Stream<Arguments> strangers() {
        return Strangers.against(Role.DB_AGENT, Role.MEDIA_SERVER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strangers")
    void strangersOnTheDynamicPortAreRefusedAndTheRightCallBackStillGetsThrough(Strangers.Script script,
            ErrorCode code, String fragment) throws Exception {
        Strangers.assertRefused(callback, script, code, fragment);
        theRightCallBackGetsAsFarAsTheArrayStep();
    }

    @Test
    void aCallBackNamingAnotherSessionIsRefusedAndTheRightOneStillGetsThrough() throws Exception {
        try (FrameChannel wrong = server.connect(TcpConn.connect(callback, WAIT))) {
            wrong.writer().writeMessage(new Message.StgOffer(SESSION + 1, 2, 4));
            WireException e = assertThrows(WireException.class,
                    () -> wrong.reader().readMessage(WAIT));
            assertEquals(ErrorCode.REFUSED, e.peerCode().orElseThrow());
            assertTrue(e.getMessage().contains("the call back names session 78 but this agent waits for session 77"),
                    e.getMessage());
            LogCapture.awaitWarn(WAIT, "db-agent pg-main handshake with " + wkp.localAddress() + ": refused "
                    + wrong.conn().localAddress() + " on the CALLBACK leg: REFUSED");
        }
        theRightCallBackGetsAsFarAsTheArrayStep();
    }

    @Test
    void anErrorFromTheServerOnTheRequestEndsTheWaitAtOnce() throws Exception {
        request.writer().writeError(ErrorCode.IO_FAILED, "connect to the agent's port failed");
        WireException e = agentFailure();
        assertEquals(ErrorCode.PEER_ERROR, e.code());
        assertTrue(e.getMessage().contains("REQUEST leg failed in state AWAIT_CALLBACK: peer "), e.getMessage());
        assertTrue(e.getMessage().contains("raised IO_FAILED: connect to the agent's port failed"), e.getMessage());
        Await.until(() -> "agent descriptors " + agentLayer.openDescriptors(), WAIT, () -> agentLayer.openDescriptors().isEmpty());
    }

    @Test
    void noCallBackWithinItsTimeoutFailsTheHandshake() throws Exception {
        WireException e = agentFailure();
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("CALLBACK leg failed in state AWAIT_CALLBACK: no authenticated peer connected to "
                + callback + " within 2000 ms"), e.getMessage());
        WireException told = assertThrows(WireException.class,
                () -> request.reader().readMessage(WAIT));
        assertEquals(ErrorCode.TIMEOUT, told.peerCode().orElseThrow(), "the server hears why on the request connection");
    }

    private void theRightCallBackGetsAsFarAsTheArrayStep() throws Exception {
        try (FrameChannel back = server.connect(TcpConn.connect(callback, WAIT))) {
            back.writer().writeMessage(new Message.StgOffer(SESSION, 2, 4));
            WireException e = assertThrows(WireException.class,
                    () -> back.reader().readMessage(WAIT));
            assertEquals(ErrorCode.IO_FAILED, e.peerCode().orElseThrow());
            assertTrue(e.getMessage().contains("DATA leg failed in state LISTENING_STP: socket(STP): this host is not attached"),
                    e.getMessage());
        }
        WireException failure = agentFailure();
        assertEquals(ErrorCode.IO_FAILED, failure.code());
        Await.until(() -> "agent descriptors " + agentLayer.openDescriptors(), WAIT, () -> agentLayer.openDescriptors().isEmpty());
    }

    private WireException agentFailure() throws InterruptedException, TimeoutException {
        try {
            agent.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the agent's handshake succeeded without an array");
        } catch (ExecutionException e) {
            return (WireException) e.getCause().getCause();
        }
    }
}
