package org.lanfree.db.pg.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WalSegmentsTest {

    @Test
    void namesSegmentsAsPostgresDoes() {
        WalSegments sixteen = WalSegments.ofSetting("16MB");
        assertEquals("00000001000000000000000A", sixteen.fileName(1, Lsn.valueOf("0/A000028")));
        assertEquals("0000000200000016000000B3", sixteen.fileName(2, Lsn.valueOf("16/B374D848")));
        WalSegments gig = WalSegments.ofSetting("1GB");
        assertEquals("000000010000000100000001", gig.fileName(1, Lsn.valueOf("1/40000000")));
    }

    @Test
    void findsTheSegmentStartAndOffset() {
        WalSegments s = new WalSegments(16 << 20);
        assertEquals(Lsn.valueOf("0/A000000"), s.segmentStart(Lsn.valueOf("0/A000028")));
        assertEquals(0x28, s.offsetInSegment(Lsn.valueOf("0/A000028")));
        assertEquals(0xA, s.segmentNumber(Lsn.valueOf("0/AFFFFFF")));
    }

    @Test
    void refusesSizesPostgresCannotHave() {
        assertThrows(IllegalArgumentException.class, () -> new WalSegments(3 << 20));
        assertThrows(IllegalArgumentException.class, () -> new WalSegments(2L << 30));
        assertThrows(IllegalArgumentException.class, () -> WalSegments.ofSetting("16"));
    }
}
