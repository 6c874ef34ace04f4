package org.lanfree.connect;

import java.io.IOException;
import java.time.Duration;

/** A listening socket as seen through its descriptor: every call goes through the layer. */
final class DescriptorListener implements Listener {

    private final SocketLayer layer;
    private final int fd;
    private final Listener target;

    DescriptorListener(SocketLayer layer, int fd, Listener target) {
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
    public Conn accept() throws IOException {
        return layer.conn(layer.accept(fd));
    }

    @Override
    public void setAcceptTimeout(Duration timeout) throws IOException {
        layer.setTimeout(fd, timeout);
    }

    @Override
    public void close() throws IOException {
        layer.close(fd);
    }

    @Override
    public String toString() {
        return "Listener[" + fd + " " + target.localAddress() + "]";
    }
}
