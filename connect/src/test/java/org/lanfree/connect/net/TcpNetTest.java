package org.lanfree.connect.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lanfree.connect.Conn;
import org.lanfree.connect.SockAddr;

class TcpNetTest {

    private static final String HOST = "127.0.0.1";

    @Test
    void freePortPairIsTwoConsecutiveListeningPorts() throws IOException {
        try (PortPair pair = PortPair.bindFree(HOST, 4)) {
            assertEquals(pair.port() + 1, pair.second().localAddress().port());
            for (TcpListener listener : new TcpListener[] {pair.first(), pair.second()}) {
                listener.setAcceptTimeout(Duration.ofSeconds(5));
                try (Conn client = TcpConn.connect(listener.localAddress(), Duration.ofSeconds(5));
                        Conn accepted = listener.accept()) {
                    assertEquals(client.localAddress(), accepted.remoteAddress());
                }
            }
        }
    }

    @Test
    void fixedPairFailsNamingTheNextPortWhenItIsTakenAndReleasesTheFirst() throws IOException {
        try (PortPair taken = PortPair.bindFree(HOST, 1)) {
            int p = taken.port() - 1;
            assumeTrue(isFree(p), "port " + p + " is busy on this machine");
            BindException e = assertThrows(BindException.class, () -> PortPair.bind(new SockAddr.Net(HOST, p), 1));
            assertTrue(e.getMessage().startsWith("bind " + HOST + ":" + (p + 1) + " failed"), e.getMessage());
            assertTrue(isFree(p), "port " + p + " is released after the failure");
        }
    }

    @Test
    void connectToAClosedPortNamesTheAddressAndGivesAHint() throws IOException {
        SockAddr.Net closed;
        try (TcpListener listener = TcpListener.bind(new SockAddr.Net(HOST, 0), 1)) {
            closed = listener.localAddress();
        }
        ConnectException e = assertThrows(ConnectException.class, () -> TcpConn.connect(closed, Duration.ofSeconds(2)));
        assertTrue(e.getMessage().startsWith("connect to " + closed + " failed"), e.getMessage());
        assertTrue(e.getMessage().contains("HINT"), e.getMessage());
    }

    @Test
    void acceptTimesOutWithSocketTimeoutException() throws IOException {
        try (TcpListener listener = TcpListener.bind(new SockAddr.Net(HOST, 0), 1)) {
            listener.setAcceptTimeout(Duration.ofMillis(100));
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, listener::accept);
            assertTrue(e.getMessage().contains("no connection within 100 ms"), e.getMessage());
        }
    }

    private static boolean isFree(int port) {
        try (TcpListener probe = TcpListener.bind(new SockAddr.Net(HOST, port), 1)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void bindingAPortInUseNamesIt() throws IOException {
        try (TcpListener first = TcpListener.bind(new SockAddr.Net(HOST, 0), 1)) {
            BindException e = assertThrows(BindException.class, () -> TcpListener.bind(first.localAddress(), 1));
            assertTrue(e.getMessage().startsWith("bind " + first.localAddress() + " failed"), e.getMessage());
        }
    }
}
