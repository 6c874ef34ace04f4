package org.lanfree.media.catalog;

import static java.time.temporal.ChronoUnit.MICROS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backups: start, sections across cartridges, finish, listing, chains, damage and expiry. */
abstract class BackupsContract extends CatalogContract {

    private static final String SHA = "0123456789abcdef".repeat(4);

    @Test
    void aSpanningBackupRoundTripsWithItsSectionsAndCartridgeUsage() {
        Dataset d = dataset("fs1", BackupKind.FS, "/srv/data");
        cartridges("LF0001L8", "LF0002L8");
        Instant started = clock.instant();
        Backup b = catalog.backups().start(BackupStart.full(d.id()).withStorage("daily", Compression.ZSTD).withLabel("nightly"));
        assertEquals(BackupStatus.RUNNING, b.status());
        Section s1 = catalog.backups().addSection(b.id(), new TapeFile("LF0001L8", 3, 1200, 1999, 262144, 209_000_000L), SHA);
        Section s2 = catalog.backups().addSection(b.id(), new TapeFile("LF0002L8", 0, 1, 40, 262144, 10_000_000L), null);
        clock.advance(Duration.ofMinutes(5));
        Backup done = catalog.backups().finish(b.id(), BackupEnd.good(230_000_000L, 219_000_000L, 1234, SHA));

        assertEquals(List.of(s1, s2), catalog.backups().sections(b.id()));
        assertEquals(1, s1.sectionNo());
        assertEquals(2, s2.sectionNo());
        Backup expected = new Backup(b.id(), d.clientId(), "fs1", d.id(), "/srv/data", null, BackupKind.FS, BackupLevel.FULL,
                null, BackupStatus.GOOD, "daily", Compression.ZSTD, "nightly", 230_000_000L, 219_000_000L, 1234,
                started.truncatedTo(MICROS), clock.instant().truncatedTo(MICROS), SHA, null, null, null, null, null, null);
        assertEquals(expected, done);
        assertEquals(expected, catalog.backups().require(b.id()));

        Cartridge one = catalog.cartridges().require("LF0001L8");
        assertEquals(209_000_000L, one.usedBytes());
        assertEquals(4, one.tapeFiles());
        assertEquals(1, one.liveBackups());
        Map<String, Object> row = catalog.jdbi().withHandle(h -> h.createQuery("SELECT client, tape_files, barcodes, duration_s"
                + " FROM v_backups WHERE backup_id = :id").bind("id", b.id()).mapToMap().one());
        assertEquals("fs1", row.get("client"));
        assertEquals(2L, ((Number) row.get("tape_files")).longValue());
        assertEquals(300L, ((Number) row.get("duration_s")).longValue());
        assertTrue(String.valueOf(row.get("barcodes")).contains("LF0001L8"), String.valueOf(row.get("barcodes")));
    }

    @Test
    void aPostgresBackupKeepsItsLsnRangeTimelineAndVersion() {
        Dataset d = dataset("db1", BackupKind.PG, "main");
        Backup b = catalog.backups().start(BackupStart.full(d.id()).withWalStart(0x1_0000_0028L, 1, "17.5"));
        catalog.backups().recordStart(b.id(), 0x2_0000_0028L, 2);
        Backup done = catalog.backups().finish(b.id(), BackupEnd.good(10, 10, 0, SHA).withEndLsn(0x2_0500_0100L));
        assertEquals(0x2_0000_0028L, done.startLsn());
        assertEquals(0x2_0500_0100L, done.endLsn());
        assertEquals(2, done.timeline());
        assertEquals("17.5", done.dbVersion());
        assertEquals(BackupKind.PG, done.kind());
    }

    @Test
    void anIncrementalNeedsARestorableParentOfTheSameDataset() {
        Dataset d = dataset("fs1", BackupKind.FS, "/srv");
        Dataset other = dataset("fs1", BackupKind.FS, "/home");
        Backup failed = catalog.backups().start(BackupStart.full(d.id()));
        catalog.backups().finish(failed.id(), BackupEnd.failed("agent died"));
        CatalogException e = assertThrows(CatalogException.class,
                () -> catalog.backups().start(BackupStart.incremental(d.id(), failed.id())));
        assertTrue(e.getMessage().contains("is failed, expected good or warnings"), e.getMessage());

        cartridges("LF0001L8");
        Backup full = goodBackup(d, null, "LF0001L8", 0);
        CatalogException wrong = assertThrows(CatalogException.class,
                () -> catalog.backups().start(BackupStart.incremental(other.id(), full.id())));
        assertTrue(wrong.getMessage().contains("expected the same dataset"), wrong.getMessage());
        CatalogException fullWithParent = assertThrows(CatalogException.class,
                () -> new BackupStart(d.id(), BackupLevel.FULL, full.id(), null, null, null, null, null, null, null));
        assertTrue(fullWithParent.getMessage().contains("none for a full"), fullWithParent.getMessage());
    }

    @Test
    void listingFiltersByClientTimeAndStatus() {
        Dataset a = dataset("alpha", BackupKind.FS, "/a");
        Dataset b = dataset("beta", BackupKind.H2, "jdbc:h2:/data/app");
        cartridges("LF0001L8");
        clock.setAgo(Duration.ofDays(3));
        Backup old = goodBackup(a, null, "LF0001L8", 0);
        clock.setAgo(Duration.ofDays(1));
        Instant since = clock.instant();
        Backup recent = goodBackup(a, old, "LF0001L8", 1);
        Backup other = goodBackup(b, null, "LF0001L8", 2);
        Backup failed = catalog.backups().start(BackupStart.full(b.id()));
        catalog.backups().finish(failed.id(), BackupEnd.failed("disk full"));

        assertEquals(List.of(old.id(), recent.id()), ids(BackupFilter.all().client("alpha")));
        assertEquals(List.of(recent.id(), other.id(), failed.id()), ids(BackupFilter.all().since(since)));
        assertEquals(List.of(failed.id()), ids(BackupFilter.all().status(BackupStatus.FAILED)));
        assertEquals(List.of(other.id()), ids(BackupFilter.all().kind(BackupKind.H2).status(BackupStatus.GOOD, BackupStatus.WARNINGS)));
        assertEquals(List.of(old.id(), recent.id(), other.id(), failed.id()), ids(BackupFilter.all()));
        assertEquals(recent.id(), catalog.backups().latestGood(a.id()).orElseThrow().id());
    }

    @Test
    void aChainListsTheFullFirst() {
        Dataset d = dataset("fs1", BackupKind.FS, "/srv");
        cartridges("LF0001L8");
        Backup full = goodBackup(d, null, "LF0001L8", 0);
        Backup inc1 = goodBackup(d, full, "LF0001L8", 1);
        Backup inc2 = goodBackup(d, inc1, "LF0001L8", 2);
        assertEquals(List.of(full.id(), inc1.id(), inc2.id()), catalog.backups().chain(inc2.id()).stream().map(Backup::id).toList());
        assertEquals(List.of(full.id()), catalog.backups().chain(full.id()).stream().map(Backup::id).toList());
    }

    @Test
    void finishingTwiceAndWritingToUnwritableCartridgesIsRefused() {
        Dataset d = dataset("fs1", BackupKind.FS, "/srv");
        cartridges("LF0001L8", "LF0002L8", "LF0003L8");
        catalog.cartridges().writeProtect("LF0002L8", true);
        catalog.cartridges().setState("LF0003L8", Cartridge.State.FULL);
        Backup b = catalog.backups().start(BackupStart.full(d.id()));
        CatalogException wp = assertThrows(CatalogException.class,
                () -> catalog.backups().addSection(b.id(), new TapeFile("LF0002L8", 0, 0, 0, 512, 10), null));
        assertTrue(wp.getMessage().contains("write-protected"), wp.getMessage());
        CatalogException full = assertThrows(CatalogException.class,
                () -> catalog.backups().addSection(b.id(), new TapeFile("LF0003L8", 0, 0, 0, 512, 10), null));
        assertTrue(full.getMessage().contains("is full"), full.getMessage());
        catalog.backups().addSection(b.id(), new TapeFile("LF0001L8", 0, 0, 0, 512, 10), null);
        Backup other = catalog.backups().start(BackupStart.full(d.id()));
        CatalogException taken = assertThrows(CatalogException.class,
                () -> catalog.backups().addSection(other.id(), new TapeFile("LF0001L8", 0, 0, 0, 512, 10), null));
        assertTrue(taken.getMessage().contains("already holds backup " + b.id()), taken.getMessage());

        catalog.backups().finish(b.id(), BackupEnd.good(10, 10, 1, null));
        CatalogException again = assertThrows(CatalogException.class,
                () -> catalog.backups().finish(b.id(), BackupEnd.failed("late")));
        assertTrue(again.getMessage().contains("it is good, expected running"), again.getMessage());
        assertEquals(BackupStatus.GOOD, catalog.backups().require(b.id()).status());
    }

    @Test
    void damageKeepsItsReasonAndAFullWithALiveIncrementalCannotExpire() {
        Dataset d = dataset("fs1", BackupKind.FS, "/srv");
        cartridges("LF0001L8");
        Backup full = goodBackup(d, null, "LF0001L8", 0);
        Backup inc = goodBackup(d, full, "LF0001L8", 1);
        CatalogException e = assertThrows(CatalogException.class, () -> catalog.backups().markExpired(full.id()));
        assertTrue(e.getMessage().contains("[" + inc.id() + "] depend on it"), e.getMessage());

        Backup damaged = catalog.backups().markDamaged(inc.id(), "LF0001L8 block 104: checksum mismatch");
        assertEquals(BackupStatus.DAMAGED, damaged.status());
        assertEquals("LF0001L8 block 104: checksum mismatch", damaged.note());
        Backup expired = catalog.backups().markExpired(full.id());
        assertEquals(BackupStatus.EXPIRED, expired.status());
        assertEquals(clock.instant().truncatedTo(MICROS), expired.expiredAt());
        assertNull(catalog.backups().get(9999).orElse(null));
        assertThrows(CatalogException.class, () -> catalog.backups().require(9999));
    }

    private List<Long> ids(BackupFilter filter) {
        return catalog.backups().list(filter).stream().map(Backup::id).toList();
    }
}
