package org.lanfree.connect.handshake;

import java.io.Closeable;
import java.io.IOException;
import org.lanfree.connect.Conn;
import org.lanfree.connect.SockAddr;

/**
 * A database backup session after the handshake: one STP connection that carries everything,
 * control included. {@code peer} is the other side's LAN address as the handshake saw it.
 */
public record DbSession(String client, SockAddr peer, Conn data) implements Closeable {

    @Override
    public void close() throws IOException {
        data.close();
    }
}
