package org.lanfree.cli.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free TCP port pairs for daemons that listen on a well-known port P and on P+1 (the handshake
 * that sends the STG group runs on WKP+1).
 */
public final class FreePorts {

    private static final int ATTEMPTS = 100;

    private FreePorts() {
    }

    /**
     * Returns P such that P and P+1 were both bindable on 127.0.0.1 (both bound together, then
     * released); on a clash at P+1 it tries another P.
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
        throw new UncheckedIOException("found no free pair of adjacent ports on 127.0.0.1 in " + ATTEMPTS
                + " attempts. HINT: check the ephemeral port range (sysctl net.ipv4.ip_local_port_range)", last);
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
