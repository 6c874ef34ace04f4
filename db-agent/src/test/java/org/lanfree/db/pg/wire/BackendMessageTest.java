package org.lanfree.db.pg.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding of the backend messages the replication client reads, with edge values. */
class BackendMessageTest {

    @Test
    void dataRowKeepsNullsAndEmptyStrings() {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.putShort((short) 3).putInt(-1).putInt(0).putInt(3).put("0/1".getBytes(StandardCharsets.UTF_8)).flip();
        assertEquals(new BackendMessage.DataRow(Arrays.asList(null, "", "0/1")), BackendMessage.decode('D', b));
    }

    @Test
    void rowDescriptionSkipsTheColumnAttributes() {
        ByteBuffer b = ByteBuffer.allocate(128);
        b.putShort((short) 2);
        for (String name : new String[] {"recptr", "tli"}) {
            b.put(name.getBytes(StandardCharsets.UTF_8)).put((byte) 0).putInt(0).putShort((short) 0).putInt(25)
                    .putShort((short) -1).putInt(-1).putShort((short) 0);
        }
        assertEquals(new BackendMessage.RowDescription(List.of("recptr", "tli")), BackendMessage.decode('T', b.flip()));
    }

    @Test
    void errorResponseKeepsEveryField() {
        byte[] body = "SERROR\0VERROR\0C42704\0Mreplication slot \"x\" does not exist\0Hcheck it\0\0"
                .getBytes(StandardCharsets.UTF_8);
        BackendMessage.ErrorResponse e = (BackendMessage.ErrorResponse) BackendMessage.decode('E', ByteBuffer.wrap(body));
        assertEquals("42704", e.notice().sqlState());
        assertEquals("ERROR", e.notice().severity());
        assertEquals("replication slot \"x\" does not exist", e.notice().message());
        assertEquals("check it", e.notice().hint());
    }

    @Test
    void aStringWithoutItsNulIsRefused() {
        PgProtocolException e = assertThrows(PgProtocolException.class,
                () -> BackendMessage.decode('C', ByteBuffer.wrap("SELECT".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("no terminating NUL"), e.getMessage());
    }

    @Test
    void anUnknownTypeNamesItself() {
        PgProtocolException e = assertThrows(PgProtocolException.class, () -> BackendMessage.decode('\u0001',
                ByteBuffer.allocate(0)));
        assertTrue(e.getMessage().contains("'\\x01'"), e.getMessage());
    }

    @Test
    void md5AnswerMatchesPostgresFormula() {
        assertEquals("md56b614f1bd5dc8478f5705c783c9bbdc0", Login.md5Answer("md5user", "secret", new byte[] {1, 2, 3, 4}));
    }
}
