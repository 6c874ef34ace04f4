package org.lanfree.connect.net;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import org.lanfree.connect.Conn;
import org.lanfree.connect.Domain;
import org.lanfree.connect.Listener;
import org.lanfree.connect.SockAddr;

/** A listening TCP socket. Accepted connections are {@link TcpConn}s. */
public final class TcpListener implements Listener {

    private final ServerSocketChannel channel;
    private final SockAddr.Net local;
    private volatile int acceptTimeoutMillis;

    private TcpListener(ServerSocketChannel channel) throws IOException {
        this.channel = channel;
        this.local = Tcp.addressOf((InetSocketAddress) channel.getLocalAddress());
    }

    /**
     * Binds {@code address} (port 0: any free port) and listens with the given backlog. A port
     * in use fails with a {@link BindException} naming it.
     */
    public static TcpListener bind(SockAddr.Net address, int backlog) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(Tcp.inet(address), backlog);
            return new TcpListener(channel);
        } catch (BindException e) {
            channel.close();
            throw Tcp.withCause(new BindException("bind " + address + " failed: " + Tcp.reason(e)
                    + "; HINT: another process holds the port, or the host is not an address of this machine"), e);
        } catch (IOException e) {
            channel.close();
            throw new IOException("bind " + address + " failed: " + Tcp.reason(e), e);
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
    public Conn accept() throws IOException {
        int timeout = acceptTimeoutMillis;
        Socket socket;
        synchronized (this) {
            channel.socket().setSoTimeout(timeout);
            try {
                socket = channel.socket().accept();
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("accept on " + local + ": no connection within "
                        + timeout + " ms");
            }
        }
        return TcpConn.accepted(socket.getChannel());
    }

    @Override
    public void setAcceptTimeout(Duration timeout) {
        acceptTimeoutMillis = Tcp.millis(timeout);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "TcpListener[" + local + "]";
    }
}
