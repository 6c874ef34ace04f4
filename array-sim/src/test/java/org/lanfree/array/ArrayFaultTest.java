package org.lanfree.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.connect.Conn;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;
import org.lanfree.connect.channel.Message;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;
import org.lanfree.testkit.ChildJvm;
import org.lanfree.testkit.TempHome;

/** Faults with real processes: a host killed mid-transfer, the array killed, garbage on the channel. */
class ArrayFaultTest {

    @Test
    void hostKilledMidTransferFailsTheSurvivorsRecvPromptly() throws Exception {
        try (TestArray array = TestArray.start(TestArray.small());
             ArrayDriver survivor = array.attach("survivor");
             ChildJvm peer = ChildJvm.main(StpPeerMain.class.getName())
                     .args("unix:" + array.dir.resolve("run/array.sock")).log(array.dir.resolve("peer.log")).start()) {
            Matcher m = Pattern.compile("listening (\\d+)").matcher(
                    peer.awaitLine(Pattern.compile("listening \\d+"), Duration.ofSeconds(30)));
            assertTrue(m.find());
            Conn c = survivor.connect(new SockAddr.Stp(1, Integer.parseInt(m.group(1))), 0);
            c.setReadTimeout(Duration.ofSeconds(20));
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long got = 0;
            while (got < 50_000_000) {
                buf.clear();
                got += c.recv(buf);
            }
            peer.kill();
            long t0 = System.nanoTime();
            ChannelException e = assertThrows(ChannelException.class, () -> {
                while (true) {
                    buf.clear();
                    c.recv(buf);
                }
            });
            assertEquals(ChannelError.PEER_RESET, e.error(), e.getMessage());
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "the survivor learns within seconds");
            c.close();
        }
    }

    @Test
    void killedArrayGivesHostsAClearErrorNotAHang() throws Exception {
        try (TempHome home = TempHome.create("lfk")) {
            Map<String, String> conf = TestArray.small();
            conf.put("cache.file", "cache.mem");
            Path file = home.resolve("array.conf");
            ArrayConfigReader.writeDefault(file, conf);
            try (ChildJvm arrayProcess = ChildJvm.main(ArrayDaemon.class.getName()).args(file.toString())
                    .log(home.resolve("array.log")).start()) {
                arrayProcess.awaitLine(Pattern.compile("array-sim ready"), Duration.ofSeconds(30));
                ChannelAddress where = ChannelAddress.unix(home.resolve("run/array.sock"));
                try (ArrayDriver a = ArrayDriver.attach(where, "a"); ArrayDriver b = ArrayDriver.attach(where, "b");
                     StpPair p = StpPair.open(a, b, 1, 0)) {
                    p.client().send(ByteBuffer.wrap(new byte[100]));
                    assertEquals(100, p.server().recv(ByteBuffer.allocate(100)));
                    arrayProcess.kill();
                    ChannelException e = assertThrows(ChannelException.class,
                            () -> p.server().recv(ByteBuffer.allocate(100)));
                    assertTrue(e.getMessage().contains("lost the channel to the array at unix:"), e.getMessage());
                    assertTrue(e.getMessage().contains("HINT"), e.getMessage());
                    ChannelException onSend = assertThrows(ChannelException.class,
                            () -> p.client().send(ByteBuffer.wrap(new byte[100])));
                    assertEquals(ChannelError.CLOSED, onSend.error());
                }
                ChannelException attach = assertThrows(ChannelException.class, () -> ArrayDriver.attach(where, "late"));
                assertTrue(attach.getMessage().startsWith("no array answers at unix:"), attach.getMessage());
            }
        }
    }

    @Test
    void garbageOnTheChannelDetachesThatHostAndOthersGoOn() throws Exception {
        try (TestArray array = TestArray.start(TestArray.small())) {
            InetSocketAddress tcp = tcpChannel(array);
            byte[] random = new byte[4096];
            new Random(3).nextBytes(random);
            for (ByteBuffer bad : new ByteBuffer[] {
                    ByteBuffer.wrap(random),
                    header(Integer.MAX_VALUE, 0, 1),
                    header(3, 0, 1),
                    header(0, 0, 99),
                    attachWithVersion(7)}) {
                try (SocketChannel unix = SocketChannel.open(StandardProtocolFamily.UNIX);
                     SocketChannel net = SocketChannel.open(tcp)) {
                    unix.connect(UnixDomainSocketAddress.of(array.dir.resolve("run/array.sock")));
                    unix.write(bad.duplicate());
                    net.write(bad.duplicate());
                    unix.shutdownOutput();
                    net.shutdownOutput();
                    drainUntilClosed(unix);
                    drainUntilClosed(net);
                }
            }
            try (ArrayDriver a = array.attach("good-a"); ArrayDriver b = array.attachTcp("good-b");
                 StpPair p = StpPair.open(a, b, 1, 0)) {
                var got = StpPair.receiveAllAsync(p.server(), 10_000);
                assertTrue(java.util.Arrays.equals(StpPair.sendRandom(p.client(), 2_000_000, 5000, 4), got.get()));
            }
        }
    }

    private static ByteBuffer header(int bodyLength, int payloadLength, int op) {
        ByteBuffer b = ByteBuffer.allocate(Message.HEADER_BYTES + 3);
        b.putInt(bodyLength).putInt(payloadLength).put((byte) op).putInt(1).put(new byte[3]);
        return b.flip();
    }

    private static ByteBuffer attachWithVersion(int version) {
        ByteBuffer body = ByteBuffer.allocate(3 + Message.stringBytes("x") + Message.NONCE_BYTES);
        body.putShort((short) version).put((byte) 0);
        Message.putString(body, "x");
        body.put(new byte[Message.NONCE_BYTES]).flip();
        ByteBuffer b = ByteBuffer.allocate(Message.HEADER_BYTES + body.remaining());
        Message.putHeader(b, body.remaining(), 0, org.lanfree.connect.channel.Op.ATTACH, 1);
        return b.put(body).flip();
    }

    private static void drainUntilClosed(SocketChannel ch) throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            sink.clear();
            if (ch.read(sink) < 0) {
                return;
            }
        }
        throw new AssertionError("the array did not drop a host that sent garbage");
    }

    private static InetSocketAddress tcpChannel(TestArray array) throws IOException {
        ChannelAddress.Tcp t = array.tcp();
        return new InetSocketAddress(t.host(), t.port());
    }
}
