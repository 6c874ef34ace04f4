package org.lanfree.connect.stp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.lanfree.connect.Conn;
import org.lanfree.connect.Domain;
import org.lanfree.connect.Listener;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.channel.Op;

/** A listening STP port of an STG group. */
public final class StpListener implements Listener {

    private final ArrayDriver driver;
    private final long listenerId;
    private final SockAddr.Stp local;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long acceptTimeoutNanos;
    private Reply pendingAccept;

    StpListener(ArrayDriver driver, long listenerId, SockAddr.Stp local) {
        this.driver = driver;
        this.listenerId = listenerId;
        this.local = local;
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
    public synchronized Conn accept() throws IOException {
        if (closed.get()) {
            throw new IOException("STP listener " + local + " is closed");
        }
        if (pendingAccept == null) {
            ByteBuffer body = ByteBuffer.allocate(8).putLong(listenerId).flip();
            pendingAccept = driver.link().send(Op.ACCEPT, body, null, null);
        }
        ByteBuffer r = pendingAccept.await(acceptTimeoutNanos, "STP accept on " + local);
        pendingAccept = null;
        long endpoint = r.getLong();
        int localPort = r.getInt();
        int peerPort = r.getInt();
        int ring = r.getInt();
        return new StpConn(driver, endpoint, new SockAddr.Stp(local.group(), localPort),
                new SockAddr.Stp(local.group(), peerPort), ring);
    }

    @Override
    public void setAcceptTimeout(Duration timeout) {
        this.acceptTimeoutNanos = ArrayDriver.nanos(timeout);
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true) || !driver.isAttached()) {
            return;
        }
        ByteBuffer body = ByteBuffer.allocate(8).putLong(listenerId).flip();
        driver.link().send(Op.UNLISTEN, body, null, null).await(ArrayDriver.CONTROL_TIMEOUT_NANOS, "STP unlisten");
    }
}
