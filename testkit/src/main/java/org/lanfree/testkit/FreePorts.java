package org.lanfree.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds adjacent free loopback ports, for a daemon that listens on a WKP and on WKP+1. */
public final class FreePorts {

    private static final int ATTEMPTS = 100;

    private FreePorts() {
    }

    /**
     * Returns a port P such that P and P+1 were both free on 127.0.0.1 a moment ago (both were
     * bound, then released). Another process may still take them before the caller does.
     */
    public static int pair() {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (ServerSocket first = bind(0)) {
                int p = first.getLocalPort();
                if (p == 65535) {
                    continue;
                }
                try (ServerSocket _ = bind(p + 1)) {
                    return p;
                } catch (IOException clash) {
                    last = clash;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException("no free pair of adjacent loopback ports after " + ATTEMPTS
                + " attempts; HINT: is the ephemeral port range exhausted?", last);
    }

    /** Returns one port that was free on 127.0.0.1 a moment ago. */
    public static int single() {
        try (ServerSocket s = bind(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port: " + e.getMessage(), e);
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }
}
