package org.lanfree.cli.transport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.lanfree.connect.SockAddr;

/**
 * The address a server can call this host back on: the local address of the route to the
 * server, as the kernel picks it (a UDP socket is connected, which sends nothing). Loopback for
 * a server on this machine.
 */
final class CallbackHost {

    private CallbackHost() {
    }

    static String towards(SockAddr.Net server) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(InetAddress.getByName(server.host()), server.port()));
            InetAddress local = probe.getLocalAddress();
            if (local != null && !local.isAnyLocalAddress()) {
                return local.getHostAddress();
            }
        } catch (IOException | RuntimeException e) {
            // No route known: fall back to the host's own name below.
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (IOException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }
}
