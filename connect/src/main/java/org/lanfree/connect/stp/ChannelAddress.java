package org.lanfree.connect.stp;

import java.nio.file.Path;

/**
 * Where a host attaches to the array: the Unix-domain socket of the shared-memory channel
 * ({@code unix:/path/array.sock}) or the TCP channel ({@code tcp:host:port}).
 */
public sealed interface ChannelAddress permits ChannelAddress.Unix, ChannelAddress.Tcp {

    record Unix(Path socket) implements ChannelAddress {
        @Override
        public String toString() {
            return "unix:" + socket;
        }
    }

    record Tcp(String host, int port) implements ChannelAddress {
        @Override
        public String toString() {
            return "tcp:" + host + ":" + port;
        }
    }

    static ChannelAddress unix(Path socket) {
        return new Unix(socket);
    }

    static ChannelAddress tcp(String host, int port) {
        return new Tcp(host, port);
    }

    /** Parses {@code unix:/path} or {@code tcp:host:port}; a bare path means unix. */
    static ChannelAddress parse(String text) {
        if (text.startsWith("tcp:")) {
            String rest = text.substring(4);
            int colon = rest.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("channel address '" + text + "' lacks a port: write tcp:HOST:PORT");
            }
            try {
                return new Tcp(rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("channel address '" + text + "' has a port that is not a number: write tcp:HOST:PORT");
            }
        }
        return new Unix(Path.of(text.startsWith("unix:") ? text.substring(5) : text));
    }
}
