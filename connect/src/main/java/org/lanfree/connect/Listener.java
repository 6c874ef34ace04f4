package org.lanfree.connect;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/** A listening socket of either domain. */
public interface Listener extends Closeable {

    int descriptor();

    Domain domain();

    SockAddr localAddress();

    /**
     * Waits for the next connection. Throws {@link java.net.SocketTimeoutException} when none
     * arrives within the accept timeout.
     */
    Conn accept() throws IOException;

    /** Time an {@link #accept} may wait; zero means forever. */
    void setAcceptTimeout(Duration timeout) throws IOException;

    /** Closes the listener; idempotent. Blocked accepts fail. */
    @Override
    void close() throws IOException;
}
