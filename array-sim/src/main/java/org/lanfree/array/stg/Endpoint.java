package org.lanfree.array.stg;

/** One host's end of a connection: it sends on {@code out} and receives from {@code in}. */
public final class Endpoint {

    private final long id;
    private final StpConnection connection;
    private final Object host;
    private final Ring out;
    private final Ring in;
    private final int localPort;
    private final int peerPort;
    private boolean closed;

    Endpoint(long id, StpConnection connection, Object host, Ring out, Ring in, int localPort, int peerPort) {
        this.id = id;
        this.connection = connection;
        this.host = host;
        this.out = out;
        this.in = in;
        this.localPort = localPort;
        this.peerPort = peerPort;
    }

    public long id() {
        return id;
    }

    public StpConnection connection() {
        return connection;
    }

    /** The attached host (a channel session) that owns this endpoint. */
    public Object host() {
        return host;
    }

    public Ring out() {
        return out;
    }

    public Ring in() {
        return in;
    }

    public int localPort() {
        return localPort;
    }

    public int peerPort() {
        return peerPort;
    }

    public boolean closed() {
        return closed;
    }

    public void markClosed() {
        closed = true;
    }
}
