package org.lanfree.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;

/** An array with a channel secret: hosts and array prove to each other that they hold it. */
class ChannelSecretTest {

    private static final byte[] SECRET = "the array's channel secret, 42 bytes long".getBytes(StandardCharsets.UTF_8);
    private static final SharedSecret RIGHT = SharedSecret.of(SECRET);
    private static final SharedSecret WRONG = SharedSecret.ofUtf8("some other secret of enough bytes");

    @Test
    void hostsWithTheSecretAttachOnBothChannelsAndMoveData() throws Exception {
        try (TestArray array = TestArray.start(TestArray.small(), SECRET);
             ArrayDriver a = ArrayDriver.attach(unix(array), "a", RIGHT);
             ArrayDriver b = ArrayDriver.attach(tcp(array), "b", RIGHT);
             StpPair p = StpPair.open(a, b, 1, 0)) {
            var got = StpPair.receiveAllAsync(p.server(), 8192);
            assertArrayEquals(StpPair.sendRandom(p.client(), 3_000_000, 8192, 5), got.get());
        }
    }

    @Test
    void hostWithoutOrWithTheWrongSecretIsRefusedAndOthersGoOn() throws Exception {
        try (TestArray array = TestArray.start(TestArray.small(), SECRET)) {
            ChannelException none = assertThrows(ChannelException.class, () -> ArrayDriver.attach(unix(array), "nosecret"));
            assertEquals(ChannelError.AUTH_FAILED, none.error());
            assertTrue(none.getMessage().contains("requires a channel secret and this host has none"), none.getMessage());
            for (ChannelAddress where : new ChannelAddress[] {unix(array), tcp(array)}) {
                ChannelException wrong = assertThrows(ChannelException.class, () -> ArrayDriver.attach(where, "intruder", WRONG));
                assertEquals(ChannelError.AUTH_FAILED, wrong.error());
                assertTrue(wrong.getMessage().contains("does not hold this host's channel secret"), wrong.getMessage());
            }
            try (ArrayDriver good = ArrayDriver.attach(tcp(array), "good", RIGHT)) {
                assertTrue(good.statusJson().contains("\"bytesMoved\""));
            }
        }
    }

    @Test
    void arrayRefusesAHostWhoseProofIsWrong() throws Exception {
        try (TestArray array = TestArray.start(TestArray.small(), SECRET);
             SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            raw.connect(UnixDomainSocketAddress.of(array.dir.resolve("run/array.sock")));
            byte[] name = "forger".getBytes(StandardCharsets.UTF_8);
            ByteBuffer attach = ByteBuffer.allocate(13 + 5 + name.length + 32);
            attach.putInt(5 + name.length + 32).putInt(0).put((byte) 1).putInt(1)
                    .putShort((short) 2).put((byte) 1).putShort((short) name.length).put(name).put(new byte[32]).flip();
            raw.write(attach);
            ByteBuffer challenge = read(raw, 13 + 65);
            assertEquals(1, challenge.get(13), "the array answers with a challenge, revealing nothing else");
            ByteBuffer prove = ByteBuffer.allocate(13 + 32);
            prove.putInt(32).putInt(0).put((byte) 7).putInt(2).put(new byte[32]).flip();
            raw.write(prove);
            ByteBuffer error = read(raw, 13);
            assertEquals(0x7F, error.get(8), "an ERROR reply");
            int left = error.getInt(0);
            ByteBuffer detail = read(raw, left);
            assertEquals(ChannelError.AUTH_FAILED.code, detail.getShort(0));
            assertEquals(-1, raw.read(ByteBuffer.allocate(1)), "then the array hangs up");
        }
    }

    @Test
    void hostDetectsAnArrayThatDoesNotHoldItsSecret() throws Exception {
        try (TestArray array = TestArray.start(TestArray.small(), "a different array secret entirely".getBytes())) {
            ChannelException e = assertThrows(ChannelException.class, () -> ArrayDriver.attach(unix(array), "a", RIGHT));
            assertTrue(e.getMessage().contains("does not hold this host's channel secret"), e.getMessage());
        }
    }

    @Test
    void connectionThatNeverAttachesIsDropped() throws Exception {
        Map<String, String> conf = TestArray.small();
        conf.put("channel.attach-timeout", "1");
        try (TestArray array = TestArray.start(conf, SECRET);
             SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.connect(UnixDomainSocketAddress.of(array.dir.resolve("run/array.sock")));
            long t0 = System.nanoTime();
            assertEquals(-1, silent.read(ByteBuffer.allocate(1)));
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
            try (ArrayDriver good = ArrayDriver.attach(unix(array), "good", RIGHT)) {
                assertTrue(good.isAttached());
            }
        }
    }

    private static ByteBuffer read(SocketChannel ch, int n) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new AssertionError("the array closed after " + b.position() + " of " + n + " bytes");
            }
        }
        return b.flip();
    }

    private static ChannelAddress unix(TestArray array) {
        return array.unix();
    }

    private static ChannelAddress tcp(TestArray array) throws Exception {
        return array.tcp();
    }
}
