package org.lanfree.media.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WAL ranges: staging, migration to tape, gaps per timeline, what a recovery reads. */
abstract class WalContract extends CatalogContract {

    private static final long SEG = 16L << 20;

    @Test
    void aRangeInStagingMovesToATapeFile() {
        Dataset d = dataset("db1", BackupKind.PG, "main");
        cartridges("LF0001L8");
        WalRange w = catalog.wal().add(d.id(), 1, 0x0A00_0000L, 0x0B00_0000L, "/staging/db1/000000010000000A", "ab".repeat(32));
        assertEquals(WalRange.Location.STAGING, w.location());
        assertEquals(SEG, w.bytes());
        assertNull(w.tapeFile());

        TapeFile tf = new TapeFile("LF0001L8", 7, 100, 163, 262144, SEG);
        catalog.wal().recordTapeFile(tf);
        WalRange moved = catalog.wal().migrated(w.id(), tf);
        assertEquals(WalRange.Location.TAPE, moved.location());
        assertEquals(tf, moved.tapeFile());
        assertEquals(List.of(moved), catalog.wal().list(d.id()));
        assertEquals(SEG, catalog.cartridges().require("LF0001L8").usedBytes());
        assertEquals(1, catalog.cartridges().require("LF0001L8").liveWalRanges());
        CatalogException again = assertThrows(CatalogException.class, () -> catalog.wal().migrated(w.id(), tf));
        assertTrue(again.getMessage().contains("on tape"), again.getMessage());
        Map<String, Object> shown = catalog.jdbi().withHandle(h -> h.createQuery("SELECT content, wal_range_id, file_number"
                + " FROM v_tape_contents WHERE barcode = 'LF0001L8'").mapToMap().one());
        assertEquals("wal", String.valueOf(shown.get("content")).trim());
        assertEquals(w.id(), ((Number) shown.get("wal_range_id")).longValue());
    }

    @Test
    void gapsAreReportedPerTimeline() {
        Dataset d = dataset("db1", BackupKind.PG, "main");
        catalog.wal().add(d.id(), 1, 0, SEG, "/s/1", null);
        catalog.wal().add(d.id(), 1, SEG, 2 * SEG, "/s/2", null);
        catalog.wal().add(d.id(), 1, 4 * SEG, 5 * SEG, "/s/4", null);
        catalog.wal().add(d.id(), 2, 5 * SEG, 6 * SEG, "/s/5", null);
        catalog.wal().add(d.id(), 2, 6 * SEG + 100, 7 * SEG, "/s/6", null);
        assertEquals(List.of(new WalGap(d.id(), 1, 2 * SEG, 4 * SEG), new WalGap(d.id(), 2, 6 * SEG, 6 * SEG + 100)),
                catalog.wal().gaps(d.id()));
        assertEquals(2L * SEG, catalog.wal().gaps(d.id()).get(0).bytes());
        long timelines = catalog.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM v_wal_timelines"
                + " WHERE dataset_id = :d").bind("d", d.id()).mapTo(Long.class).one());
        assertEquals(2, timelines);
    }

    @Test
    void overlappingGivesTheRangesARecoveryReadsInOrder() {
        Dataset d = dataset("db1", BackupKind.PG, "main");
        WalRange a = catalog.wal().add(d.id(), 1, 0, SEG, "/s/a", null);
        WalRange b = catalog.wal().add(d.id(), 1, SEG, 2 * SEG, "/s/b", null);
        WalRange c = catalog.wal().add(d.id(), 2, 2 * SEG, 3 * SEG, "/s/c", null);
        catalog.wal().add(d.id(), 2, 3 * SEG, 4 * SEG, "/s/d", null);
        assertEquals(List.of(b.id(), c.id()), catalog.wal().overlapping(d.id(), SEG + 40, 3 * SEG)
                .stream().map(WalRange::id).toList());
        assertEquals(List.of(a.id()), catalog.wal().overlapping(d.id(), 0, 1).stream().map(WalRange::id).toList());
    }

    @Test
    void walForADatasetThatIsNotPostgresOrRunningBackwardsIsRefused() {
        Dataset fs = dataset("fs1", BackupKind.FS, "/srv");
        Dataset pg = dataset("db1", BackupKind.PG, "main");
        CatalogException kind = assertThrows(CatalogException.class, () -> catalog.wal().add(fs.id(), 1, 0, SEG, "/s", null));
        assertTrue(kind.getMessage().contains("expected pg"), kind.getMessage());
        assertThrows(CatalogException.class, () -> catalog.wal().add(pg.id(), 1, SEG, SEG, "/s", null));
        assertThrows(CatalogException.class, () -> catalog.wal().add(pg.id(), 0, 0, SEG, "/s", null));
    }
}
