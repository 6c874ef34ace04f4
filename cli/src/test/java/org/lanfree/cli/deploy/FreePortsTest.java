package org.lanfree.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void pairReturnsAPortWhoseSuccessorIsFreeToo() throws Exception {
        int p = FreePorts.pair();
        assertTrue(p > 0 && p < 65535, "port " + p);
        try (ServerSocket wkp = new ServerSocket(); ServerSocket next = new ServerSocket()) {
            wkp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
            next.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p + 1));
            assertEquals(p + 1, next.getLocalPort());
        }
    }

    @Test
    void pairNeverReturnsAPortThatIsHeld() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 20; i++) {
                int p = FreePorts.pair();
                assertTrue(p != held.getLocalPort() && p + 1 != held.getLocalPort(),
                        "pair " + p + "/" + (p + 1) + " includes the held port " + held.getLocalPort());
            }
        }
    }
}
