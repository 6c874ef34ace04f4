package org.lanfree.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;
import org.lanfree.connect.stp.ArrayDriver;

/**
 * What every host channel must give STP sockets; run once per channel kind by
 * {@link SharedMemoryStpTest} and {@link TcpChannelStpTest}.
 */
abstract class StpContract {

    /** Attaches a host to {@code array} over the channel under test. */
    abstract ArrayDriver attach(TestArray array, String name) throws IOException;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bytesCrossTheArrayIntactInBothDirections() throws Exception {
        try (TestArray array = TestArray.start(TestArray.small());
             ArrayDriver a = attach(array, "a");
             ArrayDriver b = attach(array, "b");
             StpPair p = StpPair.open(a, b, 1, 0)) {
            CompletableFuture<byte[]> there = StpPair.receiveAllAsync(p.server(), 100_000);
            CompletableFuture<byte[]> back = StpPair.receiveAllAsync(p.client(), 3_000);
            byte[] sentThere = StpPair.sendRandom(p.client(), 7_654_321, 10_000, 1);
            byte[] sentBack = StpPair.sendRandom(p.server(), 1_234_567, 777, 2);
            assertArrayEquals(sentThere, there.get());
            assertArrayEquals(sentBack, back.get());
            JsonNode status = JSON.readTree(a.statusJson());
            assertTrue(status.get("bytesMoved").asLong() >= 7_654_321 + 1_234_567, status.toString());
        }
    }

    @Test
    void smallMessagesArriveWithoutWaitingForAFullTrack() throws Exception {
        try (TestArray array = TestArray.start(TestArray.small());
             ArrayDriver a = attach(array, "a");
             ArrayDriver b = attach(array, "b");
             StpPair p = StpPair.open(a, b, 1, 0)) {
            ByteBuffer in = ByteBuffer.allocate(64);
            for (int i = 0; i < 200; i++) {
                p.client().send(ByteBuffer.wrap(("ping " + i).getBytes()));
                in.clear();
                int n = p.server().recv(in);
                assertEquals("ping " + i, new String(in.array(), 0, n));
                p.server().send(ByteBuffer.wrap(("pong " + i).getBytes()));
                in.clear();
                n = p.client().recv(in);
                assertEquals("pong " + i, new String(in.array(), 0, n));
            }
        }
    }

    @Test
    void manyConnectionsAtOnceOnOneGroupStayApart() throws Exception {
        try (TestArray array = TestArray.start(TestArray.small());
             ArrayDriver a = attach(array, "a");
             ArrayDriver b = attach(array, "b")) {
            List<StpPair> pairs = new ArrayList<>();
            List<CompletableFuture<byte[]>> received = new ArrayList<>();
            List<CompletableFuture<byte[]>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                StpPair p = StpPair.open(a, b, 1, 2);
                pairs.add(p);
                received.add(StpPair.receiveAllAsync(p.server(), 65_536));
            }
            JsonNode status = JSON.readTree(a.statusJson());
            assertEquals(6, status.get("connections").size());
            for (int i = 0; i < pairs.size(); i++) {
                StpPair p = pairs.get(i);
                long seed = i;
                sent.add(StpPair.async(() -> StpPair.sendRandom(p.client(), 3_000_000 + 1000L * seed, 40_000, seed)));
            }
            for (int i = 0; i < pairs.size(); i++) {
                assertArrayEquals(sent.get(i).get(), received.get(i).get(), "connection " + i);
            }
            for (StpPair p : pairs) {
                p.close();
            }
            status = JSON.readTree(a.statusJson());
            assertEquals(0, status.get("connections").size());
            assertEquals(0, status.get("cache").get("used").asInt(), "closed connections leave no slot behind");
        }
    }

    @Test
    void moreConnectionsThanPortsIsAClearErrorAndOthersGoOn() throws Exception {
        try (TestArray array = TestArray.start(TestArray.small());
             ArrayDriver a = attach(array, "a");
             ArrayDriver b = attach(array, "b")) {
            // group 2 has ports 9100-9103: one for the listener, three for connecting ends
            List<StpPair> pairs = new ArrayList<>();
            pairs.add(StpPair.open(a, b, 2, 1));
            SockAddr.Stp listening = (SockAddr.Stp) pairs.get(0).listener().localAddress();
            for (int i = 0; i < 2; i++) {
                pairs.add(new StpPair(pairs.get(0).listener(), a.connect(listening, 1),
                        pairs.get(0).listener().accept()));
            }
            ChannelException e = assertThrows(ChannelException.class, () -> a.connect(listening, 1));
            assertEquals(ChannelError.NO_FREE_PORT, e.error());
            assertTrue(e.getMessage().contains("all 4 ports of STG group 2 (9100-9103) are in use"), e.getMessage());
            StpPair first = pairs.get(0);
            CompletableFuture<byte[]> got = StpPair.receiveAllAsync(first.server(), 4096);
            assertArrayEquals(StpPair.sendRandom(first.client(), 1_000_000, 4096, 9), got.get());
            pairs.get(1).client().close();
            pairs.get(1).server().close();
            a.connect(listening, 1).close();
        }
    }

    @Test
    void connectErrorsSayWhatIsWrong() throws Exception {
        try (TestArray array = TestArray.start(TestArray.small());
             ArrayDriver a = attach(array, "a")) {
            ChannelException refused = assertThrows(ChannelException.class, () -> a.connect(new SockAddr.Stp(1, 9007), 0));
            assertEquals(ChannelError.CONNECTION_REFUSED, refused.error());
            assertTrue(refused.getMessage().contains("no STP listener on port 9007 of STG group 1"), refused.getMessage());
            ChannelException group = assertThrows(ChannelException.class, () -> a.listen(new SockAddr.Stp(7, 0), 1));
            assertTrue(group.getMessage().contains("STG group 7 is not configured on the array; configured groups: [1, 2]"),
                    group.getMessage());
            ChannelException range = assertThrows(ChannelException.class, () -> a.listen(new SockAddr.Stp(1, 80), 1));
            assertEquals(ChannelError.PORT_OUT_OF_RANGE, range.error());
            var l = a.listen(new SockAddr.Stp(1, 9003), 1);
            ChannelException inUse = assertThrows(ChannelException.class, () -> a.listen(new SockAddr.Stp(1, 9003), 1));
            assertEquals(ChannelError.PORT_IN_USE, inUse.error());
            ChannelException ring = assertThrows(ChannelException.class, () -> a.connect(new SockAddr.Stp(1, 9003), 17));
            assertEquals(ChannelError.RING_TOO_LONG, ring.error());
            assertTrue(ring.getMessage().contains("limit of 1-16"), ring.getMessage());
            l.close();
        }
    }

    @Test
    void recvTimesOutWhenNothingArrives() throws Exception {
        try (TestArray array = TestArray.start(TestArray.small());
             ArrayDriver a = attach(array, "a");
             ArrayDriver b = attach(array, "b");
             StpPair p = StpPair.open(a, b, 1, 0)) {
            p.server().setReadTimeout(Duration.ofMillis(300));
            long t0 = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> p.server().recv(ByteBuffer.allocate(10)));
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
            p.client().send(ByteBuffer.wrap(new byte[] {42}));
            ByteBuffer one = ByteBuffer.allocate(1);
            assertEquals(1, p.server().recv(one), "the socket still works after a timeout");
            assertEquals(42, one.get(0));
        }
    }

    @Test
    void peerThatDetachesResetsTheSurvivorAtOnce() throws Exception {
        try (TestArray array = TestArray.start(TestArray.small());
             ArrayDriver a = attach(array, "a")) {
            ArrayDriver b = attach(array, "b");
            StpPair p = StpPair.open(a, b, 1, 0);
            p.server().send(ByteBuffer.wrap(new byte[1000]));
            b.close();
            ByteBuffer buf = ByteBuffer.allocate(100_000);
            ChannelException e = assertThrows(ChannelException.class, () -> {
                while (true) {
                    buf.clear();
                    if (p.client().recv(buf) < 0) {
                        return;
                    }
                }
            });
            assertEquals(ChannelError.PEER_RESET, e.error());
            assertTrue(e.getMessage().contains("detached from the array"), e.getMessage());
            ChannelException onSend = assertThrows(ChannelException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    p.client().send(ByteBuffer.wrap(new byte[300_000]));
                }
            });
            assertEquals(ChannelError.PEER_RESET, onSend.error());
            assertTrue(onSend.getMessage().contains("host b detached from the array"), onSend.getMessage());
            p.client().close();
            JsonNode status = JSON.readTree(a.statusJson());
            assertEquals(0, status.get("connections").size());
            assertEquals(0, status.get("cache").get("used").asInt());
        }
    }

    @Test
    void laggingReceiverSpillsTracksToDevicesAndReadsThemBack() throws Exception {
        Map<String, String> conf = TestArray.small();
        conf.put("cache.slots", "16");
        try (TestArray array = TestArray.start(conf);
             ArrayDriver a = attach(array, "a");
             ArrayDriver b = attach(array, "b");
             StpPair p1 = StpPair.open(a, b, 1, 16);
             StpPair p2 = StpPair.open(a, b, 1, 16)) {
            // both senders fill their whole ring before anyone reads: 32 tracks in a 16-slot cache
            byte[] sent1 = StpPair.sendRandom(p1.client(), 16L * 256 * 1024, 100_000, 1);
            byte[] sent2 = StpPair.sendRandom(p2.client(), 16L * 256 * 1024, 100_000, 2);
            JsonNode before = JSON.readTree(a.statusJson());
            assertArrayEquals(sent1, StpPair.receiveAll(p1.server(), 50_000));
            assertArrayEquals(sent2, StpPair.receiveAll(p2.server(), 50_000));
            JsonNode after = JSON.readTree(a.statusJson());
            JsonNode disk = after.get("directors").get(after.get("directors").size() - 1);
            assertTrue(disk.get("destagedTracks").asLong() >= 16, "spilled: " + disk);
            assertTrue(disk.get("stagedTracks").asLong() >= 16, "read back: " + disk);
            assertTrue(after.get("cache").get("misses").asLong() >= 16, after.get("cache").toString());
            assertTrue(after.get("cache").get("hitRatio").asDouble() < 1.0);
            assertTrue(before.get("cache").get("writePending").asInt() <= 16);
        }
    }

    @Test
    void fullDirectorQueueSlowsSendersAndLosesNothing() throws Exception {
        Map<String, String> conf = TestArray.small();
        conf.put("directors.channel", "1");
        conf.put("directors.channel.queue", "1");
        conf.put("directors.channel.service-time-us", "300");
        try (TestArray array = TestArray.start(conf);
             ArrayDriver a = attach(array, "a");
             ArrayDriver b = attach(array, "b")) {
            List<StpPair> pairs = new ArrayList<>();
            List<CompletableFuture<byte[]>> received = new ArrayList<>();
            List<CompletableFuture<byte[]>> sent = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                StpPair p = StpPair.open(a, b, 1, 4);
                pairs.add(p);
                received.add(StpPair.receiveAllAsync(p.server(), 1000));
            }
            for (int i = 0; i < 4; i++) {
                StpPair p = pairs.get(i);
                long seed = i;
                sent.add(StpPair.async(() -> StpPair.sendRandom(p.client(), 2_000_000, 3000, seed)));
            }
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(sent.get(i).get(), received.get(i).get(), "connection " + i);
            }
            JsonNode director = JSON.readTree(a.statusJson()).get("directors").get(0);
            assertEquals(1, director.get("queueCapacity").asInt());
            assertTrue(director.get("fullQueueWaits").asLong() > 0, "hosts waited on the full queue: " + director);
            for (StpPair p : pairs) {
                p.close();
            }
        }
    }
}
