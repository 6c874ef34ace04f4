package org.lanfree.db.pg.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LsnTest {

    @ParameterizedTest
    @ValueSource(strings = {"0/0", "0/A000028", "16/B374D848", "FFFFFFFF/FFFFFFFF"})
    void printsAsItIsParsed(String text) {
        assertEquals(text, Lsn.valueOf(text).toString());
    }

    @Test
    void comparesUnsigned() {
        assertTrue(Lsn.valueOf("7FFFFFFF/FFFFFFFF").isBefore(Lsn.valueOf("80000000/0")));
        assertTrue(Lsn.valueOf("0/1").isBefore(Lsn.valueOf("FFFFFFFF/FFFFFFFF")));
        assertEquals(0x10000_0000L, Lsn.valueOf("1/0").value());
        assertEquals(8, Lsn.valueOf("1/8").minus(Lsn.valueOf("1/0")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "/1", "1/", "G/1", "123456789/0", "0/123456789", "1/2/3"})
    void refusesWhatIsNotAnLsn(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lsn.valueOf(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }
}
