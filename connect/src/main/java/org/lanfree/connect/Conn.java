package org.lanfree.connect;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A connected stream socket of either domain. Code above the layer (framing, handshakes, agents)
 * holds a {@code Conn} and never asks which domain serves it.
 */
public interface Conn extends Closeable {

    /** The descriptor of this socket in its {@link SocketLayer}, or -1 when it has none. */
    int descriptor();

    Domain domain();

    SockAddr localAddress();

    SockAddr remoteAddress();

    /**
     * Sends all remaining bytes of {@code src} (blocking while the peer's window or the ring is
     * full) and makes them visible to the peer.
     */
    void send(ByteBuffer src) throws IOException;

    /**
     * Receives at least one byte into {@code dst}, blocking until data arrives; returns the
     * number of bytes received, or -1 at end of stream. Throws
     * {@link java.net.SocketTimeoutException} when nothing arrives within the read timeout.
     */
    int recv(ByteBuffer dst) throws IOException;

    /** Time a {@link #recv} may wait for data; zero means forever. */
    void setReadTimeout(Duration timeout) throws IOException;

    /** Half-close: the peer reads end of stream after the bytes already sent. */
    void shutdownOutput() throws IOException;

    /** Closes the socket; idempotent. */
    @Override
    void close() throws IOException;
}
