package org.lanfree.connect;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import org.lanfree.connect.net.TcpConn;
import org.lanfree.connect.net.TcpListener;

/** A connected pair of TCP connections on 127.0.0.1. */
public record Loopback(Conn client, Conn server) implements Closeable {

    public static Loopback open() throws IOException {
        try (TcpListener listener = TcpListener.bind(new SockAddr.Net("127.0.0.1", 0), 1)) {
            TcpConn client = TcpConn.connect(listener.localAddress(), Duration.ofSeconds(5));
            listener.setAcceptTimeout(Duration.ofSeconds(5));
            return new Loopback(client, listener.accept());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
