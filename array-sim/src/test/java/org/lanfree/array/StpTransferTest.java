package org.lanfree.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.lanfree.connect.Conn;
import org.lanfree.connect.Listener;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.stp.ArrayDriver;

class StpTransferTest {

    @Test
    void bytesCrossTheArrayIntactInBothDirections() throws Exception {
        try (TestArray array = TestArray.start(TestArray.small());
             ArrayDriver a = array.attach("a");
             ArrayDriver b = array.attach("b")) {
            Listener l = b.listen(new SockAddr.Stp(1, 0), 4);
            CompletableFuture<Conn> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return l.accept();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Conn client = a.connect((SockAddr.Stp) l.localAddress(), 0);
            Conn server = accepted.get();
            byte[] data = new byte[7_654_321];
            new Random(1).nextBytes(data);
            CompletableFuture<byte[]> got = CompletableFuture.supplyAsync(() -> drain(server));
            ByteBuffer src = ByteBuffer.wrap(data);
            for (int off = 0; off < data.length; off += 10_000) {
                client.send(src.slice(off, Math.min(10_000, data.length - off)));
            }
            client.shutdownOutput();
            assertArrayEquals(sha(data), got.get());
            server.send(ByteBuffer.wrap("pong".getBytes()));
            ByteBuffer reply = ByteBuffer.allocate(16);
            assertEquals(4, client.recv(reply));
            client.close();
            server.close();
        }
    }

    static byte[] drain(Conn c) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(100_000);
            while (true) {
                buf.clear();
                int n = c.recv(buf);
                if (n < 0) {
                    return md.digest();
                }
                buf.flip();
                md.update(buf);
            }
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    static byte[] sha(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
