package org.lanfree.connect.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanfree.connect.Loopback;

/** Frames written by {@link FrameWriter} and read by {@link FrameReader} over a real loopback connection. */
class FrameRoundTripTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private Loopback loopback;
    private FrameWriter writer;
    private FrameReader reader;

    @BeforeEach
    void connect() throws IOException {
        loopback = Loopback.open();
        writer = new FrameWriter(loopback.client());
        reader = new FrameReader(loopback.server());
    }

    @AfterEach
    void close() throws IOException {
        loopback.close();
    }

    static IntStream dataSizes() {
        return IntStream.of(0, 1, 2, 64 * 1024 - 9, 64 * 1024 - 8, 64 * 1024, 1024 * 1024, 3 * 1024 * 1024 + 3);
    }

    @ParameterizedTest
    @MethodSource("dataSizes")
    void dataFramesOfEverySizeArriveIntact(int size) throws Exception {
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        Thread sender = new Thread(() -> {
            try {
                ByteBuffer direct = ByteBuffer.allocateDirect(size).put(payload).flip();
                writer.writeData(direct);
                writer.writeData(ByteBuffer.wrap(payload));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        sender.start();
        for (int copy = 0; copy < 2; copy++) {
            Frame frame = reader.expect(FrameType.DATA, WAIT);
            byte[] got = new byte[frame.payload().remaining()];
            frame.payload().get(got);
            assertArrayEquals(payload, got, "copy " + copy);
        }
        sender.join(WAIT.toMillis());
    }

    @Test
    void aDataFrameOfExactlyTheMaximumLengthPassesAndOneByteMoreDoesNot() throws IOException {
        int max = 4096;
        FrameWriter small = new FrameWriter(loopback.client(), max);
        FrameReader smallReader = new FrameReader(loopback.server(), max);
        small.writeData(ByteBuffer.allocate(max - 1));
        assertEquals(max - 1, smallReader.expect(FrameType.DATA, WAIT).payload().remaining());
        WireException e = assertThrows(WireException.class, () -> small.writeData(ByteBuffer.allocate(max)));
        assertEquals(ErrorCode.FRAME_TOO_LONG, e.code());
        assertTrue(e.getMessage().contains("DATA frame of length 4097 exceeds the limit of 4096 bytes"), e.getMessage());
    }

    static Stream<byte[]> digests() {
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        byte[] counting = new byte[32];
        for (int i = 0; i < 32; i++) {
            counting[i] = (byte) i;
        }
        return Stream.of(new byte[32], ones, counting);
    }

    @ParameterizedTest
    @MethodSource("digests")
    void endFramesCarryTheSegmentDigest(byte[] sha256) throws IOException {
        writer.writeEnd(new SegmentEnd(sha256));
        assertEquals(new SegmentEnd(sha256), SegmentEnd.decode(reader.expect(FrameType.END, WAIT).payload()));
    }

    @Test
    void anEndFrameOfTheWrongSizeIsMalformed() throws IOException {
        writer.write(FrameType.END, ByteBuffer.allocate(31));
        WireException e = assertThrows(WireException.class,
                () -> SegmentEnd.decode(reader.expect(FrameType.END, WAIT).payload()));
        assertEquals(ErrorCode.MALFORMED, e.code());
        assertTrue(e.getMessage().contains("END payload is 31 bytes but a SHA-256 is 32"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void errorFramesAreRethrownAsThePeersErrorWithItsCode(ErrorCode code) throws IOException {
        writer.writeError(code, "detail of " + code + " \u00e9");
        WireException e = assertThrows(WireException.class, () -> reader.next());
        assertEquals(ErrorCode.PEER_ERROR, e.code());
        assertEquals(code, e.peerCode().orElseThrow());
        assertEquals(code.retryable(), e.retryable());
        assertEquals("peer " + loopback.client().localAddress() + " raised " + code + ": detail of " + code + " \u00e9",
                e.detail());
    }

    @Test
    void errorFramesWithEmptyOrOverlongDetailsSurvive() throws IOException {
        writer.writeError(ErrorCode.REFUSED, "");
        assertEquals("", assertThrows(WireException.class, () -> reader.next()).detail()
                .replaceFirst("^peer \\S+ raised REFUSED: ", ""));
        String overlong = "\u00e9".repeat(ErrorReport.MAX_DETAIL_BYTES);
        writer.writeError(ErrorCode.REFUSED, overlong);
        String got = assertThrows(WireException.class, () -> reader.next()).detail()
                .replaceFirst("^peer \\S+ raised REFUSED: ", "");
        assertEquals(overlong.substring(0, ErrorReport.MAX_DETAIL_BYTES / 2), got, "cut at a character boundary");
    }

    @Test
    void anErrorCodeThisSideDoesNotKnowArrivesAsInternalNamingTheNumber() throws IOException {
        writer.write(FrameType.ERROR, ByteBuffer.wrap(new byte[] {0x01, 0x00, 0, 2, 'h', 'i'}));
        WireException e = assertThrows(WireException.class, () -> reader.next());
        assertEquals(ErrorCode.INTERNAL, e.peerCode().orElseThrow());
        assertTrue(e.getMessage().contains("error code 256 (unknown to this side): hi"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("org.lanfree.connect.wire.MessageCodecTest#messagesWithEdgeValues")
    void messageFramesCarryEveryMessage(Message message) throws IOException {
        writer.writeMessage(message);
        assertEquals(message, reader.readMessage(WAIT));
    }

    @Test
    void aFrameOfAnotherTypeThanExpectedIsUnexpected() throws IOException {
        writer.writeData(ByteBuffer.allocate(3));
        WireException e = assertThrows(WireException.class, () -> reader.expect(FrameType.MESSAGE, WAIT));
        assertEquals(ErrorCode.UNEXPECTED_FRAME, e.code());
        assertTrue(e.getMessage().contains("expected a MESSAGE frame from " + loopback.client().localAddress() + " but got DATA"),
                e.getMessage());
    }

    @Test
    void theReaderStopsAtTheEndOfEachFrameSoTheConnectionCanChangeHands() throws IOException {
        writer.writeMessage(new Message.SessionToken(1));
        writer.writeMessage(new Message.SessionToken(2));
        writer.writeData(ByteBuffer.wrap(new byte[] {9}));
        assertEquals(new Message.SessionToken(1), reader.readMessage(WAIT));
        FrameReader next = new FrameReader(loopback.server());
        assertEquals(new Message.SessionToken(2), next.readMessage(WAIT));
        assertEquals(9, new FrameReader(loopback.server()).expect(FrameType.DATA, WAIT).payload().get());
    }
}
