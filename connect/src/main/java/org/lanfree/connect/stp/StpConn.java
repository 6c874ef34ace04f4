package org.lanfree.connect.stp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.lanfree.connect.Conn;
import org.lanfree.connect.Domain;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.channel.Op;

/** One host's end of an STP connection: a sender on the outbound ring, a receiver on the inbound. */
public final class StpConn implements Conn {

    private final ArrayDriver driver;
    private final long endpoint;
    private final SockAddr.Stp local;
    private final SockAddr.Stp remote;
    private final int ringTracks;
    private final StpSender sender;
    private final StpReceiver receiver;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long readTimeoutNanos;

    StpConn(ArrayDriver driver, long endpoint, SockAddr.Stp local, SockAddr.Stp remote, int ringTracks) {
        this.driver = driver;
        this.endpoint = endpoint;
        this.local = local;
        this.remote = remote;
        this.ringTracks = ringTracks;
        int depth = Math.max(1, Math.min(8, ringTracks / 2));
        this.sender = new StpSender(driver, endpoint, depth);
        this.receiver = new StpReceiver(driver, endpoint, depth);
    }

    /** None of its own: the socket layer's views carry the descriptor it was given. */
    @Override
    public int descriptor() {
        return -1;
    }

    @Override
    public Domain domain() {
        return Domain.STP;
    }

    @Override
    public SockAddr localAddress() {
        return local;
    }

    @Override
    public SockAddr remoteAddress() {
        return remote;
    }

    /** Tracks per direction of this connection's rings. */
    public int ringTracks() {
        return ringTracks;
    }

    @Override
    public void send(ByteBuffer src) throws IOException {
        checkOpen();
        sender.send(src, readTimeoutNanos);
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        checkOpen();
        return receiver.recv(dst, readTimeoutNanos);
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        this.readTimeoutNanos = ArrayDriver.nanos(timeout);
    }

    @Override
    public void shutdownOutput() throws IOException {
        checkOpen();
        sender.shutdown(ArrayDriver.CONTROL_TIMEOUT_NANOS);
    }

    private void checkOpen() throws IOException {
        if (closed.get()) {
            throw new IOException("STP socket " + local + " is closed");
        }
    }

    /** Ends the stream for the peer (it reads what was sent, then end of stream) and frees the connection. */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true) || !driver.isAttached()) {
            return;
        }
        if (!sender.isShut()) {
            try {
                sender.shutdown(ArrayDriver.CONTROL_TIMEOUT_NANOS);
            } catch (IOException e) {
                // The peer is gone or reset: nothing left to deliver; the close below frees the connection.
            }
        }
        ByteBuffer body = ByteBuffer.allocate(8).putLong(endpoint).flip();
        driver.link().send(Op.CLOSE, body, null, null).await(ArrayDriver.CONTROL_TIMEOUT_NANOS, "STP close");
    }

    @Override
    public String toString() {
        return "stp[" + local + " -> " + remote + "]";
    }
}
