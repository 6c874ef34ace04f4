package org.lanfree.connect.net;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lanfree.connect.Conn;
import org.lanfree.connect.Domain;
import org.lanfree.connect.SockAddr;

/**
 * A TCP connection. The channel runs non-blocking under the hood; {@link #recv} and {@link #send}
 * block on a selector of their own, so the read timeout holds for any buffer, one thread may read
 * while another writes, and {@link #close} from any thread ends a blocked call.
 */
public final class TcpConn implements Conn {

    private final SocketChannel channel;
    private final SockAddr.Net local;
    private final SockAddr.Net remote;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long readTimeoutNanos;
    private volatile Selector readSelector;
    private volatile Selector writeSelector;

    private TcpConn(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        this.local = Tcp.addressOf((InetSocketAddress) channel.getLocalAddress());
        this.remote = Tcp.addressOf((InetSocketAddress) channel.getRemoteAddress());
        channel.configureBlocking(false);
    }

    /** Connects to {@code remote}, waiting at most {@code timeout} (zero: the system's limit). */
    public static TcpConn connect(SockAddr.Net remote, Duration timeout) throws IOException {
        return connect(SocketChannel.open(), remote, null, timeout);
    }

    /**
     * Connects an open, unconnected channel, bound first to {@code local} when given. Closing the
     * channel from another thread aborts the connect. The channel is closed when connecting fails.
     */
    public static TcpConn connect(SocketChannel channel, SockAddr.Net remote, SockAddr.Net local,
            Duration timeout) throws IOException {
        String what = "connect to " + remote;
        try {
            if (local != null) {
                channel.bind(Tcp.inet(local));
            }
            channel.socket().connect(Tcp.inet(remote), Tcp.millis(timeout));
            return new TcpConn(channel);
        } catch (SocketTimeoutException e) {
            channel.close();
            throw new SocketTimeoutException(what + " timed out after " + timeout.toMillis()
                    + " ms; HINT: is the host up and the port not filtered?");
        } catch (ConnectException e) {
            channel.close();
            throw Tcp.withCause(new ConnectException(what + " failed: " + Tcp.reason(e)
                    + "; HINT: is the peer listening on that port?"), e);
        } catch (BindException e) {
            channel.close();
            throw Tcp.withCause(new BindException(what + " from " + local + " failed: "
                    + Tcp.reason(e)), e);
        } catch (IOException e) {
            channel.close();
            throw new IOException(what + " failed: " + Tcp.reason(e), e);
        }
    }

    /** Wraps a channel that a listener accepted. */
    static TcpConn accepted(SocketChannel channel) throws IOException {
        try {
            return new TcpConn(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public int descriptor() {
        return -1;
    }

    @Override
    public Domain domain() {
        return Domain.NET;
    }

    @Override
    public SockAddr.Net localAddress() {
        return local;
    }

    @Override
    public SockAddr.Net remoteAddress() {
        return remote;
    }

    @Override
    public void send(ByteBuffer src) throws IOException {
        try {
            synchronized (writeLock) {
                while (src.hasRemaining()) {
                    if (channel.write(src) == 0) {
                        await(writeSelector(), 0);
                    }
                }
            }
        } catch (ClosedChannelException e) {
            throw Tcp.withCause(closedError(), e);
        }
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        try {
            return read(dst);
        } catch (ClosedChannelException e) {
            throw Tcp.withCause(closedError(), e);
        }
    }

    private int read(ByteBuffer dst) throws IOException {
        synchronized (readLock) {
            int n = channel.read(dst);
            if (n != 0) {
                return n;
            }
            long timeout = readTimeoutNanos;
            long deadline = System.nanoTime() + timeout;
            Selector selector = readSelector();
            while (true) {
                long waitNanos = 0;
                if (timeout > 0) {
                    waitNanos = deadline - System.nanoTime();
                    if (waitNanos <= 0) {
                        throw new SocketTimeoutException("recv from " + remote + ": nothing arrived within "
                                + TimeUnit.NANOSECONDS.toMillis(timeout) + " ms");
                    }
                }
                await(selector, waitNanos);
                n = channel.read(dst);
                if (n != 0) {
                    return n;
                }
            }
        }
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("read timeout " + timeout + " is negative");
        }
        readTimeoutNanos = timeout.toNanos();
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } finally {
            closeSelector(readSelector);
            closeSelector(writeSelector);
        }
    }

    @Override
    public String toString() {
        return "TcpConn[" + local + " -> " + remote + "]";
    }

    /** Waits until the selector reports the channel ready, or {@code nanos} pass (0: forever). */
    private void await(Selector selector, long nanos) throws IOException {
        try {
            selector.select(nanos == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw closedError();
        }
        if (closed.get()) {
            throw closedError();
        }
    }

    private Selector readSelector() throws IOException {
        Selector selector = readSelector;
        if (selector == null) {
            selector = register(SelectionKey.OP_READ);
            readSelector = selector;
            checkNotClosed(selector);
        }
        return selector;
    }

    private Selector writeSelector() throws IOException {
        Selector selector = writeSelector;
        if (selector == null) {
            selector = register(SelectionKey.OP_WRITE);
            writeSelector = selector;
            checkNotClosed(selector);
        }
        return selector;
    }

    private Selector register(int ops) throws IOException {
        Selector selector = Selector.open();
        try {
            channel.register(selector, ops);
        } catch (IOException e) {
            selector.close();
            throw closed.get() ? closedError() : e;
        }
        return selector;
    }

    /** A selector published after {@link #close} read the field would leak: close it here. */
    private void checkNotClosed(Selector selector) throws IOException {
        if (closed.get()) {
            closeSelector(selector);
            throw closedError();
        }
    }

    private SocketException closedError() {
        return new SocketException("connection " + local + " -> " + remote + " is closed");
    }

    private static void closeSelector(Selector selector) throws IOException {
        if (selector != null) {
            selector.close();
        }
    }
}
