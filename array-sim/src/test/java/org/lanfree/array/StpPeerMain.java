package org.lanfree.array;

import java.nio.ByteBuffer;

import org.lanfree.connect.Conn;
import org.lanfree.connect.Listener;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;

/**
 * A host process for fault tests: attaches to the array, listens on an STP port of group 1,
 * prints "listening PORT", accepts one connection and sends to it until killed.
 */
public final class StpPeerMain {

    public static void main(String[] args) throws Exception {
        ArrayDriver driver = ArrayDriver.attach(ChannelAddress.parse(args[0]), "peer");
        Listener l = driver.listen(new SockAddr.Stp(1, 0), 1);
        System.out.println("listening " + ((SockAddr.Stp) l.localAddress()).port());
        System.out.flush();
        Conn c = l.accept();
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        while (true) {
            chunk.clear();
            c.send(chunk);
        }
    }
}
