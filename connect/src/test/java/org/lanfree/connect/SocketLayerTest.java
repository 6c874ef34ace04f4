package org.lanfree.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanfree.connect.net.TcpConn;
import org.lanfree.connect.net.TcpListener;

class SocketLayerTest {

    private static final SockAddr.Net ANY = new SockAddr.Net("127.0.0.1", 0);
    private final SocketLayer layer = new SocketLayer(null);

    @AfterEach
    void closeLayer() throws IOException {
        layer.close();
    }

    @Test
    void netDescriptorsAreEvenAndNeverReused() throws IOException {
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int fd = layer.socket(Domain.NET);
            assertEquals(Domain.NET, Domain.ofDescriptor(fd));
            assertTrue(!seen.contains(fd), "descriptor " + fd + " was issued twice");
            seen.add(fd);
            layer.close(fd);
        }
    }

    @Test
    void theClassicCallsCarryBytesOverNet() throws IOException {
        int listener = layer.socket(Domain.NET);
        layer.bind(listener, ANY);
        assertEquals(ANY, layer.getsockname(listener));
        layer.listen(listener, 4);
        SockAddr.Net address = (SockAddr.Net) layer.getsockname(listener);
        assertNotEquals(0, address.port(), "getsockname after listen gives the port actually bound");

        int client = layer.socket(Domain.NET);
        layer.connect(client, address);
        layer.setTimeout(listener, Duration.ofSeconds(5));
        int server = layer.accept(listener);
        assertEquals(layer.getsockname(client), layer.getpeername(server));
        assertEquals(Domain.NET, Domain.ofDescriptor(server));

        assertEquals(5, layer.send(client, ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII))));
        ByteBuffer dst = ByteBuffer.allocate(16);
        layer.setTimeout(server, Duration.ofSeconds(5));
        while (dst.position() < 5) {
            layer.recv(server, dst);
        }
        assertEquals("hello", new String(dst.array(), 0, 5, StandardCharsets.US_ASCII));

        layer.close(client);
        assertEquals(-1, layer.recv(server, ByteBuffer.allocate(4)));
        assertEquals(SocketLayer.State.CLOSED, layer.state(client));
    }

    @Test
    void typedViewsCarryTheirDescriptorAndGoThroughTheLayer() throws IOException {
        try (Loopback loopback = Loopback.open()) {
            int fd = layer.register(loopback.client());
            Conn view = layer.conn(fd);
            assertEquals(fd, view.descriptor());
            assertEquals(fd, layer.register(view), "registering a view of this layer gives its own descriptor");
            view.close();
            assertEquals(SocketLayer.State.CLOSED, layer.state(fd));
            IOException e = assertThrows(IOException.class, () -> view.send(ByteBuffer.allocate(1)));
            assertTrue(e.getMessage().contains("is CLOSED"), e.getMessage());
        }
        TcpListener tcp = TcpListener.bind(ANY, 1);
        int fd = layer.register(tcp);
        assertEquals(tcp.localAddress(), layer.listener(fd).localAddress());
        assertEquals(fd, layer.listener(fd).descriptor());
    }

    @Test
    void stpWithoutAnArraySaysTheHostIsNotAttached() {
        IOException e = assertThrows(IOException.class, () -> layer.socket(Domain.STP));
        assertTrue(e.getMessage().contains("this host is not attached to an array"), e.getMessage());
    }

    @Test
    void closingAClosedDescriptorDoesNothingButANeverOpenedOneFails() throws IOException {
        int fd = layer.socket(Domain.NET);
        layer.close(fd);
        layer.close(fd);
        IOException e = assertThrows(IOException.class, () -> layer.close(1000));
        assertTrue(e.getMessage().contains("descriptor 1000 was never opened"), e.getMessage());
    }

    @Test
    void closeFromAnotherThreadEndsABlockedAccept() throws Exception {
        int listener = layer.socket(Domain.NET);
        layer.bind(listener, ANY);
        layer.listen(listener, 1);
        CompletableFuture<Throwable> accept = new CompletableFuture<>();
        Thread acceptor = new Thread(() -> {
            try {
                layer.accept(listener);
                accept.complete(null);
            } catch (IOException e) {
                accept.complete(e);
            }
        });
        acceptor.start();
        Await.until("accept to block", Duration.ofSeconds(5), () -> Arrays.stream(acceptor.getStackTrace())
                .anyMatch(frame -> frame.getClassName().endsWith("ServerSocketChannelImpl")));
        layer.close(listener);
        Throwable outcome = accept.get(5, TimeUnit.SECONDS);
        assertTrue(outcome instanceof IOException && outcome.getMessage().contains("was closed while accepting"),
                String.valueOf(outcome));
    }

    @Test
    void acceptHonoursTheDescriptorTimeout() throws IOException {
        int listener = layer.socket(Domain.NET);
        layer.setTimeout(listener, Duration.ofMillis(100));
        layer.bind(listener, ANY);
        layer.listen(listener, 1);
        assertThrows(SocketTimeoutException.class, () -> layer.accept(listener));
    }

    @Test
    void aRefusedConnectLeavesTheSocketReadyToTryAgain() throws IOException {
        SockAddr.Net closed;
        try (TcpListener gone = TcpListener.bind(ANY, 1)) {
            closed = gone.localAddress();
        }
        int fd = layer.socket(Domain.NET);
        assertThrows(ConnectException.class, () -> layer.connect(fd, closed));
        assertEquals(SocketLayer.State.CREATED, layer.state(fd));
        try (TcpListener live = TcpListener.bind(ANY, 1)) {
            layer.connect(fd, live.localAddress());
            assertEquals(SocketLayer.State.CONNECTED, layer.state(fd));
        }
    }

    @Test
    void differentThreadsUseDifferentDescriptorsAtOnce() throws Exception {
        int listener = layer.socket(Domain.NET);
        layer.bind(listener, ANY);
        layer.listen(listener, 16);
        SockAddr address = layer.getsockname(listener);
        ExecutorService threads = Executors.newCachedThreadPool();
        List<CompletableFuture<Integer>> echoes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int value = i;
            echoes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    int fd = layer.socket(Domain.NET);
                    layer.connect(fd, address);
                    layer.send(fd, ByteBuffer.allocate(4).putInt(0, value));
                    ByteBuffer back = ByteBuffer.allocate(4);
                    layer.setTimeout(fd, Duration.ofSeconds(5));
                    while (back.hasRemaining()) {
                        layer.recv(fd, back);
                    }
                    layer.close(fd);
                    return back.getInt(0);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, threads));
        }
        layer.setTimeout(listener, Duration.ofSeconds(5));
        for (int i = 0; i < 8; i++) {
            int fd = layer.accept(listener);
            CompletableFuture.runAsync(() -> {
                try {
                    ByteBuffer value = ByteBuffer.allocate(4);
                    layer.setTimeout(fd, Duration.ofSeconds(5));
                    while (value.hasRemaining()) {
                        layer.recv(fd, value);
                    }
                    layer.send(fd, value.flip());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
        }
        for (int i = 0; i < 8; i++) {
            assertEquals(i, echoes.get(i).get(10, TimeUnit.SECONDS));
        }
        threads.shutdown();
    }

    /** A call in the wrong state, and the message it must fail with. */
    @FunctionalInterface
    interface WrongCall {
        void run(SocketLayer layer, int fd) throws IOException;
    }

    static Stream<Arguments> wrongStateCalls() {
        return Stream.of(
                call("send on a listener", "listening", (l, fd) -> l.send(fd, ByteBuffer.allocate(1)),
                        "send\\(%d\\): descriptor %d \\(NET\\) is LISTENING but expected CONNECTED; HINT: a listening socket only accepts"),
                call("accept on an unbound socket", "created", (l, fd) -> l.accept(fd),
                        "accept\\(%d\\): descriptor %d \\(NET\\) is CREATED but expected LISTENING; HINT: bind, then listen"),
                call("accept on a bound socket", "bound", (l, fd) -> l.accept(fd),
                        "accept\\(%d\\): descriptor %d \\(NET\\) is BOUND but expected LISTENING; HINT: listen before accept"),
                call("listen before bind", "created", (l, fd) -> l.listen(fd, 1),
                        "listen\\(%d\\): descriptor %d \\(NET\\) is CREATED but expected BOUND"),
                call("bind twice", "bound", (l, fd) -> l.bind(fd, ANY),
                        "bind\\(%d\\): descriptor %d \\(NET\\) is BOUND but expected CREATED"),
                call("recv on an unconnected socket", "created", (l, fd) -> l.recv(fd, ByteBuffer.allocate(1)),
                        "recv\\(%d\\): descriptor %d \\(NET\\) is CREATED but expected CONNECTED; HINT: connect it first"),
                call("recv on a closed descriptor", "closed", (l, fd) -> l.recv(fd, ByteBuffer.allocate(1)),
                        "recv\\(%d\\): descriptor %d \\(NET\\) is CLOSED but expected an open socket"),
                call("connect on a listener", "listening", (l, fd) -> l.connect(fd, ANY),
                        "connect\\(%d, 127.0.0.1:0\\): .*|connect\\(%d\\): descriptor %d \\(NET\\) is LISTENING but expected CREATED or BOUND"),
                call("getpeername on a bound socket", "bound", (l, fd) -> l.getpeername(fd),
                        "getpeername\\(%d\\): descriptor %d \\(NET\\) is BOUND but expected CONNECTED"),
                call("getsockname on a fresh socket", "created", (l, fd) -> l.getsockname(fd),
                        "getsockname\\(%d\\): descriptor %d \\(NET\\) is CREATED but expected BOUND or LISTENING or CONNECTED"),
                call("ring tracks on a NET socket", "created", (l, fd) -> l.setRingTracks(fd, 8),
                        "setRingTracks\\(%d, 8\\): descriptor %d is NET but ring tracks apply to STP descriptors only"),
                call("binding a NET socket to an STP address", "created", (l, fd) -> l.bind(fd, new SockAddr.Stp(1, 0)),
                        "bind\\(%d, stp:1/0\\): descriptor %d is NET but the address is STP"),
                call("a descriptor never opened", "never", (l, fd) -> l.send(fd, ByteBuffer.allocate(1)),
                        "send\\(%d\\): descriptor %d was never opened by this socket layer"));
    }

    private static Arguments call(String name, String setup, WrongCall call, String pattern) {
        return Arguments.of(Named.of(name, call), setup, pattern);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongStateCalls")
    void wrongStateCallsNameTheDescriptorItsStateAndTheExpectedOne(WrongCall call, String setup, String pattern)
            throws IOException {
        int fd = prepare(setup);
        IOException e = assertThrows(IOException.class, () -> call.run(layer, fd));
        String expected = pattern.replace("%d", Integer.toString(fd));
        assertTrue(Pattern.compile(expected).matcher(e.getMessage()).find(),
                "message \"" + e.getMessage() + "\" does not match " + expected);
    }

    private int prepare(String setup) throws IOException {
        if (setup.equals("never")) {
            return 2_000_000;
        }
        int fd = layer.socket(Domain.NET);
        switch (setup) {
            case "bound":
                layer.bind(fd, ANY);
                break;
            case "listening":
                layer.bind(fd, ANY);
                layer.listen(fd, 1);
                break;
            case "closed":
                layer.close(fd);
                break;
            default:
                break;
        }
        return fd;
    }

    @Test
    void aConnectionRegisteredFromElsewhereGetsADescriptorOfItsDomain() throws IOException {
        try (Loopback loopback = Loopback.open()) {
            int fd = layer.register(loopback.server());
            assertEquals(Domain.NET, Domain.ofDescriptor(fd));
            TcpConn client = (TcpConn) loopback.client();
            client.send(ByteBuffer.wrap(new byte[] {42}));
            ByteBuffer one = ByteBuffer.allocate(1);
            layer.setTimeout(fd, Duration.ofSeconds(5));
            assertEquals(1, layer.recv(fd, one));
            assertEquals(42, one.get(0));
        }
    }
}
