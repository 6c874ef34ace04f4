package org.lanfree.connect.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanfree.connect.BadPeer;
import org.lanfree.connect.Conn;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.net.TcpListener;

/** A raw peer sends broken frames; the reader fails with the exact code and message. */
class FrameFailureTest {

    private TcpListener listener;
    private BadPeer peer;
    private Conn conn;
    private FrameReader reader;

    @BeforeEach
    void connect() throws IOException {
        listener = TcpListener.bind(new SockAddr.Net("127.0.0.1", 0), 1);
        peer = BadPeer.connect(listener.localAddress());
        listener.setAcceptTimeout(Duration.ofSeconds(5));
        conn = listener.accept();
        reader = new FrameReader(conn);
        reader.setTimeout(Duration.ofSeconds(5));
    }

    @AfterEach
    void close() throws IOException {
        peer.close();
        conn.close();
        listener.close();
    }

    /** What the peer does. */
    @FunctionalInterface
    interface Script {
        void play(BadPeer peer) throws IOException;
    }

    static Stream<Arguments> brokenFrames() {
        return Stream.of(
                broken("a flipped payload bit", p -> p.send(flip(BadPeer.frame(5, new byte[] {0, 2, 0, 0, 0, 7}), 7)),
                        ErrorCode.BAD_CRC, "frame of 7 bytes from"),
                broken("a flipped CRC bit", p -> p.send(flip(BadPeer.frame(6, new byte[] {1, 2, 3}), 10)),
                        ErrorCode.BAD_CRC, "HINT: the connection corrupts data"),
                broken("an unknown type with a good CRC", p -> p.sendFrame(99, new byte[] {1}),
                        ErrorCode.BAD_FRAME_TYPE, "frame type 99 from"),
                broken("a zero length", p -> p.send(new byte[] {0, 0, 0, 0, 5}),
                        ErrorCode.MALFORMED, "frame length 0 from"),
                broken("the largest length field", p -> p.send(new byte[] {-1, -1, -1, -1}),
                        ErrorCode.FRAME_TOO_LONG, "frame length 4294967295 from"),
                broken("one byte over the default maximum", p -> p.send(ByteBuffer.allocate(4).putInt(16 * 1024 * 1024 + 1).array()),
                        ErrorCode.FRAME_TOO_LONG, "frame length 16777217 from"),
                broken("a frame cut by the peer's close", p -> {
                    p.send(ByteBuffer.allocate(24).putInt(100).put((byte) 6).array());
                    p.shutdownOutput();
                }, ErrorCode.TRUNCATED, "closed the connection after 24 of 108 bytes"),
                broken("a length cut by the peer's close", p -> {
                    p.send(new byte[] {0, 0});
                    p.shutdownOutput();
                }, ErrorCode.TRUNCATED, "closed the connection after 2 of 4 bytes"),
                broken("a close between frames", BadPeer::shutdownOutput,
                        ErrorCode.PEER_CLOSED, "closed the connection while this side waited for a frame"));
    }

    private static Arguments broken(String name, Script script, ErrorCode code, String fragment) {
        return Arguments.of(Named.of(name, script), code, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFrames")
    void brokenFramesFailWithTheirCode(Script script, ErrorCode code, String fragment) throws IOException {
        script.play(peer);
        WireException e = assertThrows(WireException.class, () -> reader.next());
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void anOversizedLengthFailsAtOnceWithoutAllocatingOrWaiting() throws IOException {
        peer.send(new byte[] {0x7f, -1, -1, -1});
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        WireException e = assertThrows(WireException.class, () -> reader.next());
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ErrorCode.FRAME_TOO_LONG, e.code());
        assertTrue(e.getMessage().contains("exceeds the limit of 16777216 bytes"), e.getMessage());
        assertTrue(allocated < 256 * 1024, "reading the length allocated " + allocated + " bytes");
        assertTrue(millis < 2000, "the reader waited " + millis + " ms for bytes a 2 GiB frame would need");
    }

    @Test
    void silenceTimesOutNamingTheWait() throws IOException {
        WireException e = assertThrows(WireException.class, () -> reader.expect(FrameType.AUTH, Duration.ofMillis(200)));
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("waiting for AUTH: no frame from " + peer.address() + " within 200 ms"),
                e.getMessage());
    }

    @Test
    void aFrameThatStallsHalfwayTimesOutSayingHowFarItGot() throws IOException {
        peer.send(ByteBuffer.allocate(6).putInt(100).put((byte) 6).put((byte) 0).array());
        WireException e = assertThrows(WireException.class, () -> reader.expect(FrameType.DATA, Duration.ofMillis(200)));
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("stalled: 6 of 108 bytes arrived, then nothing within 200 ms"), e.getMessage());
    }

    @Test
    void aHandshakeSizedLimitRefusesEvenAModestFrame() throws IOException {
        reader.setMaxFrameLength(1024);
        peer.send(ByteBuffer.allocate(4).putInt(1025).array());
        WireException e = assertThrows(WireException.class, () -> reader.next());
        assertEquals(ErrorCode.FRAME_TOO_LONG, e.code());
        assertTrue(e.getMessage().contains("frame length 1025 from " + peer.address() + " exceeds the limit of 1024 bytes"),
                e.getMessage());
    }

    private static byte[] flip(byte[] frame, int index) {
        frame[index] ^= 0x01;
        return frame;
    }
}
