package org.lanfree.connect.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecTest {

    static Stream<Message> messagesWithEdgeValues() {
        return Stream.of(
                new Message.Greeting(""),
                new Message.Greeting("fs-backup"),
                new Message.Greeting("sauvegarde \u00e9t\u00e9 \u65e5\u672c \ud83d\udcbe"),
                new Message.Greeting("x".repeat(WireBuffers.MAX_STRING_BYTES)),
                new Message.SessionToken(0),
                new Message.SessionToken(Integer.MAX_VALUE),
                new Message.SessionToken(Integer.MIN_VALUE),
                new Message.PairSession(-1),
                new Message.PairSession(2),
                new Message.SessionPaired(Integer.MAX_VALUE),
                new Message.StgOffer(0, 0, 0),
                new Message.StgOffer(Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE),
                new Message.StpPort(0),
                new Message.StpPort(Integer.MAX_VALUE),
                new Message.SessionReady(12),
                new Message.DbCallback("", 0),
                new Message.DbCallback("pg-main", 65535),
                new Message.DbCallback("h2/\u00fcber", 1),
                new Message.CallbackAck(Integer.MIN_VALUE),
                new Message.CallbackAck(4),
                new Message.SendBytes(0),
                new Message.SendBytes(1L << 30),
                new Message.SendBytes(Long.MAX_VALUE),
                new Message.AdminRequest(""),
                new Message.AdminRequest("{\"op\":\"load\",\"barcode\":\"LF0001L8\",\"drive\":0}"),
                new Message.AdminReply("{\"ok\":true,\"note\":\"\u00e9t\u00e9\"}"),
                new Message.AdminReply("x".repeat(WireBuffers.MAX_STRING_BYTES)),
                new Message.BackupStored(0, "0".repeat(64)),
                new Message.BackupStored(Long.MAX_VALUE, "0123456789abcdef".repeat(4)),
                new Message.StoreBackup("local", "pg", "main", "full", 0, "none"),
                new Message.StoreBackup("h\u00e9te", "fs", "/", "incremental", Long.MAX_VALUE, "zstd"),
                new Message.StageSegment("local", "main", "000000010000000000000003", 1, 0x3000000L, 0x4000000L),
                new Message.StageSegment("h\u00e9te", "", "00000002.history", 0, -1L, Long.MIN_VALUE),
                new Message.SegmentStaged("000000010000000000000003", "0".repeat(64)),
                new Message.SegmentStaged("", ""),
                new Message.FetchSegment("local", "main", "000000010000000000000003"),
                new Message.FetchSegment("", "", ""),
                new Message.SegmentStart("000000010000000000000003", 16L << 20, "f".repeat(64)),
                new Message.SegmentStart("", Long.MAX_VALUE, ""),
                new Message.TreeBackup("/srv", "/srv".getBytes(), "full", 0, "none", new byte[0], false),
                new Message.TreeBackup("", new byte[] {'/', (byte) 0xff, '\n'}, "incremental", Long.MAX_VALUE, "zstd",
                        "*.tmp\0/proc".getBytes(), true),
                new Message.FileRecords(java.util.List.of()),
                new Message.FileRecords(java.util.List.of(
                        new FileRecord(new byte[] {'a', (byte) 0xc3, '\n'}, 'A', 'f', Long.MAX_VALUE, 0100644, 0, 0,
                                Long.MIN_VALUE, 1, -1, 1, 0, null, null, 0),
                        new FileRecord("l".getBytes(), 'D', 'h', 0, 0, 4294967295L, 65534, 0, 0, 7, 2, 0x0801L,
                                "target".getBytes(), "user.a\0b".getBytes(), -1))),
                new Message.FileRecordsEnd(0),
                new Message.FileRecordsEnd(Long.MAX_VALUE),
                new Message.TreeDone(0, 0, 0),
                new Message.TreeDone(Long.MAX_VALUE, Long.MAX_VALUE, 3),
                new Message.FileWarning("x".getBytes(), "changed while read"),
                new Message.FileWarning(new byte[] {(byte) 0x80}, ""),
                new Message.TreeRestore(1, "/restore".getBytes(), new byte[0], false, 1),
                new Message.TreeRestore(Long.MAX_VALUE, new byte[] {(byte) 0xfe}, "a\0b/c".getBytes(), true, 3),
                new Message.WalPosition(0x3000028L, -1L, 1, "18.1"),
                new Message.WalPosition(0, 0, 0, ""),
                new Message.ReadBackup(1, 0, 0),
                new Message.ReadBackup(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE),
                new Message.RestoreBackup(1),
                new Message.RestoreBackup(Long.MAX_VALUE),
                new Message.RestoreStart(1, "local", "h2", "sales", "full", "none", 0, "0".repeat(64)),
                new Message.RestoreStart(Long.MAX_VALUE, "h\u00e9te", "fs", "/", "incremental", "zstd", Long.MAX_VALUE,
                        ""));
    }

    @ParameterizedTest
    @MethodSource("messagesWithEdgeValues")
    void everyMessageSurvivesARoundTrip(Message message) throws WireException {
        ByteBuffer buffer = ByteBuffer.allocate(70_000);
        MessageCodec.encode(message, buffer);
        buffer.flip();
        assertEquals(message, MessageCodec.decode(buffer));
        assertEquals(0, buffer.remaining());
    }

    @Test
    void everyMessageRecordHasAnEdgeCaseInTheRoundTripTable() {
        long covered = messagesWithEdgeValues().map(Object::getClass).distinct().count();
        assertEquals(Message.class.getPermittedSubclasses().length, covered);
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                body("an unknown kind", bytes(0, 77), "message kind 77 is unknown"),
                body("no kind at all", bytes(0), "message kind needs 2 bytes but only 1 remain"),
                body("a token cut short", bytes(0, 2, 0, 0, 1), "SessionToken token needs 4 bytes but only 3 remain"),
                body("trailing bytes", bytes(0, 6, 0, 0, 0, 9, 1, 2), "StpPort has 2 trailing bytes"),
                body("a string longer than its body", bytes(0, 1, 0, 9, 'a', 'b'), "Greeting service needs 9 bytes but only 2 remain"),
                body("a string that is not UTF-8", bytes(0, 1, 0, 2, 0xc3, 0x28), "Greeting service is not valid UTF-8"),
                body("a negative STG group", bytes(0, 5, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 8),
                        "message kind 5: STG group -1 is negative"),
                body("a negative STP port", bytes(0, 6, 0x80, 0, 0, 0), "message kind 6: STP port -2147483648 is negative"),
                body("a byte count cut short", bytes(0, 10, 0, 0, 0, 0, 0x40), "SendBytes bytes needs 8 bytes but only 5 remain"),
                body("a negative byte count", bytes(0, 10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
                        "message kind 10: byte count -1 is negative"),
                body("an admin request cut short", bytes(0, 11, 0, 5, '{', '}'), "AdminRequest json needs 5 bytes but only 2 remain"),
                body("an admin reply that is not UTF-8", bytes(0, 12, 0, 1, 0xff), "AdminReply json is not valid UTF-8"),
                body("a stored backup's digest that is not hex", bytes(0, 13, 0, 0, 0, 0, 0, 0, 0, 7, 0, 1, 'x'),
                        "message kind 13: sha256 'x' is not 64 lower-case hex digits"),
                body("a negative backup id", bytes(0, 13, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0),
                        "message kind 13: backup id -1 is negative"));
    }

    private static Arguments body(String name, byte[] bytes, String expected) {
        return Arguments.of(Named.of(name, bytes), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedBodiesAreRefusedAsMalformed(byte[] body, String expected) {
        WireException e = assertThrows(WireException.class, () -> MessageCodec.decode(ByteBuffer.wrap(body)));
        assertEquals(ErrorCode.MALFORMED, e.code());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aStringTooLongForItsLengthFieldIsRefusedWhenEncoding() {
        Message tooLong = new Message.Greeting("x".repeat(WireBuffers.MAX_STRING_BYTES + 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MessageCodec.encode(tooLong, ByteBuffer.allocate(100_000)));
        assertTrue(e.getMessage().contains("does not fit a u16 length field"), e.getMessage());
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
