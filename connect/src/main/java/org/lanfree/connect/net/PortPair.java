package org.lanfree.connect.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import org.lanfree.connect.SockAddr;

/**
 * Two listeners on consecutive ports P and P+1 of one host: the file agent's well-known port and
 * the next one, which the design fixes as literally the next port.
 */
public record PortPair(TcpListener first, TcpListener second) implements Closeable {

    /** How many candidate pairs {@link #bindFree} tries before it gives up. */
    static final int ATTEMPTS = 64;

    public PortPair {
        if (second.localAddress().port() != first.localAddress().port() + 1) {
            throw new IllegalArgumentException("ports " + first.localAddress().port() + " and "
                    + second.localAddress().port() + " are not consecutive");
        }
    }

    /** Binds P and P+1 on {@code first}'s host, where P is {@code first}'s port (not 0). */
    public static PortPair bind(SockAddr.Net first, int backlog) throws IOException {
        if (first.port() == 0 || first.port() == 65535) {
            throw new IllegalArgumentException("well-known port " + first.port()
                    + " leaves no next port; expected 1-65534");
        }
        TcpListener a = TcpListener.bind(first, backlog);
        try {
            return new PortPair(a, TcpListener.bind(new SockAddr.Net(first.host(), first.port() + 1), backlog));
        } catch (IOException e) {
            a.close();
            throw e;
        }
    }

    /**
     * Binds a free pair: takes a free port P from the system, then P+1; when P+1 is taken or P is
     * the last port, releases P and tries again.
     */
    public static PortPair bindFree(String host, int backlog) throws IOException {
        BindException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            TcpListener a = TcpListener.bind(new SockAddr.Net(host, 0), backlog);
            int port = a.localAddress().port();
            if (port == 65535) {
                a.close();
                continue;
            }
            try {
                return new PortPair(a, TcpListener.bind(new SockAddr.Net(host, port + 1), backlog));
            } catch (BindException e) {
                a.close();
                last = e;
            } catch (IOException | RuntimeException e) {
                a.close();
                throw e;
            }
        }
        BindException e = new BindException("no two consecutive free ports on " + host + " after "
                + ATTEMPTS + " attempts; HINT: the ephemeral port range is exhausted");
        if (last != null) {
            e.initCause(last);
        }
        throw e;
    }

    /** P, the first port. */
    public int port() {
        return first.localAddress().port();
    }

    @Override
    public void close() throws IOException {
        try {
            first.close();
        } finally {
            second.close();
        }
    }
}
