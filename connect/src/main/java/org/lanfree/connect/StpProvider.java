package org.lanfree.connect;

import java.io.IOException;

/**
 * What the socket layer needs from an attached array to serve STP descriptors. Implemented by
 * the host-side driver ({@code org.lanfree.connect.stp.ArrayDriver}).
 */
public interface StpProvider extends AutoCloseable {

    /** Reserves a port of the group (port 0: any free one) and listens on it. */
    Listener listen(SockAddr.Stp address, int backlog) throws IOException;

    /**
     * Connects to a listening STP port. The connection's two rings hold {@code ringTracks}
     * tracks each (0: the group's default).
     */
    Conn connect(SockAddr.Stp address, int ringTracks) throws IOException;

    @Override
    void close() throws IOException;
}
