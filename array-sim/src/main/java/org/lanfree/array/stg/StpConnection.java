package org.lanfree.array.stg;

/**
 * A connection between a connecting endpoint and an accepting one, with a ring per direction. The
 * connecting endpoint holds a port of its own; the accepting one shares the listener's port.
 */
public final class StpConnection {

    private final long id;
    private final StgGroup group;
    private final Ring toAcceptor;
    private final Ring toConnector;
    private final Endpoint connector;
    private Endpoint acceptor;
    private final int connectorPort;
    private final int listenerPort;

    StpConnection(long id, StgGroup group, long[] forward, long[] backward, long connectorId, Object connectorHost,
                  int connectorPort, int listenerPort) {
        this.id = id;
        this.group = group;
        this.toAcceptor = new Ring(forward);
        this.toConnector = new Ring(backward);
        this.connectorPort = connectorPort;
        this.listenerPort = listenerPort;
        this.connector = new Endpoint(connectorId, this, connectorHost, toAcceptor, toConnector, connectorPort,
                listenerPort);
    }

    /** Creates the accepting endpoint when a host accepts the connection. */
    public Endpoint accept(long endpointId, Object host) {
        acceptor = new Endpoint(endpointId, this, host, toConnector, toAcceptor, listenerPort, connectorPort);
        return acceptor;
    }

    public long id() {
        return id;
    }

    public StgGroup group() {
        return group;
    }

    public Endpoint connector() {
        return connector;
    }

    /** The accepting endpoint, or null while the connection waits in a listener's backlog. */
    public Endpoint acceptor() {
        return acceptor;
    }

    public Ring toAcceptor() {
        return toAcceptor;
    }

    public Ring toConnector() {
        return toConnector;
    }

    public int connectorPort() {
        return connectorPort;
    }

    public int listenerPort() {
        return listenerPort;
    }

    public int ringTracks() {
        return toAcceptor.length();
    }

    /** Both ends closed (an endpoint never accepted counts as closed). */
    public boolean finished() {
        return connector.closed() && (acceptor == null || acceptor.closed());
    }
}
