package org.lanfree.connect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/** A connected socket as seen through its descriptor: every call goes through the layer. */
final class DescriptorConn implements Conn {

    private final SocketLayer layer;
    private final int fd;
    private final Conn target;

    DescriptorConn(SocketLayer layer, int fd, Conn target) {
        this.layer = layer;
        this.fd = fd;
        this.target = target;
    }

    /** The layer this view belongs to. */
    SocketLayer layer() {
        return layer;
    }

    @Override
    public int descriptor() {
        return fd;
    }

    @Override
    public Domain domain() {
        return target.domain();
    }

    @Override
    public SockAddr localAddress() {
        return target.localAddress();
    }

    @Override
    public SockAddr remoteAddress() {
        return target.remoteAddress();
    }

    @Override
    public void send(ByteBuffer src) throws IOException {
        layer.send(fd, src);
    }

    @Override
    public int recv(ByteBuffer dst) throws IOException {
        return layer.recv(fd, dst);
    }

    @Override
    public void setReadTimeout(Duration timeout) throws IOException {
        layer.setTimeout(fd, timeout);
    }

    @Override
    public void shutdownOutput() throws IOException {
        layer.shutdownOutput(fd);
    }

    @Override
    public void close() throws IOException {
        layer.close(fd);
    }

    @Override
    public String toString() {
        return "Conn[" + fd + " " + target.localAddress() + " -> " + target.remoteAddress() + "]";
    }
}
