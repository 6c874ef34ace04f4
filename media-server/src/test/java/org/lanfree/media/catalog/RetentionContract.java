package org.lanfree.media.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Need-backup and obsolete, through the views. Backups are placed in time with the test clock,
 * days away from any boundary, while the views compare with the database's own clock.
 */
abstract class RetentionContract extends CatalogContract {

    private static final long SEG = 16L << 20;

    @Test
    void needBackupListsWhatIsDueAndWhy() {
        policy(30);
        cartridges("LF0001L8");
        Dataset never = dataset("a-never", BackupKind.FS, "/srv");
        Dataset stale = dataset("b-stale", BackupKind.PG, "main");
        Dataset oldFull = dataset("c-oldfull", BackupKind.FS, "/home");
        Dataset fresh = dataset("d-fresh", BackupKind.H2, "app");
        dataset("e-disabled", BackupKind.FS, "/x");
        catalog.clients().setEnabled("e-disabled", false);
        catalog.clients().register("f-nopolicy", "h", null);
        catalog.datasets().ensure("f-nopolicy", BackupKind.FS, "/y", null);

        clock.setAgo(Duration.ofDays(2).plusHours(1));
        goodBackup(stale, null, "LF0001L8", 0);
        clock.setAgo(Duration.ofDays(10));
        Backup full = goodBackup(oldFull, null, "LF0001L8", 1);
        clock.setAgo(Duration.ofHours(2));
        goodBackup(oldFull, full, "LF0001L8", 2);
        goodBackup(fresh, null, "LF0001L8", 3);

        Map<String, NeedBackup> due = catalog.retention().needBackup().stream()
                .collect(Collectors.toMap(NeedBackup::client, n -> n));
        assertEquals(List.of("a-never", "b-stale", "c-oldfull"), due.keySet().stream().sorted().toList());
        assertEquals("never backed up", due.get("a-never").reason());
        assertEquals(BackupLevel.FULL, due.get("a-never").levelDue());
        assertEquals(never.id(), due.get("a-never").datasetId());
        assertEquals("backup overdue", due.get("b-stale").reason());
        assertEquals(BackupLevel.INCREMENTAL, due.get("b-stale").levelDue());
        long age = due.get("b-stale").ageSeconds();
        assertTrue(age > Duration.ofDays(2).toSeconds() - 60 && age < Duration.ofDays(2).toSeconds() + 3600, "age " + age);
        assertEquals("full overdue", due.get("c-oldfull").reason());
        assertEquals(BackupLevel.FULL, due.get("c-oldfull").levelDue());
    }

    @Test
    void obsoleteLeavesTheFullsThatRetainedIncrementalsNeed() {
        policy(30);
        cartridges("LF0001L8", "LF0002L8");
        Dataset d = dataset("fs1", BackupKind.FS, "/srv");
        Dataset other = dataset("fs2", BackupKind.FS, "/srv");
        clock.setAgo(Duration.ofDays(100));
        Backup f1 = goodBackup(d, null, "LF0001L8", 0);
        Backup i1 = goodBackup(d, f1, "LF0001L8", 1);
        clock.setAgo(Duration.ofDays(60));
        Backup f2 = goodBackup(d, null, "LF0002L8", 0);
        clock.setAgo(Duration.ofDays(50));
        Backup failedOld = catalog.backups().start(BackupStart.full(d.id()));
        catalog.backups().finish(failedOld.id(), BackupEnd.failed("agent died"));
        clock.setAgo(Duration.ofDays(40));
        Backup i2 = goodBackup(d, f2, "LF0002L8", 1);
        clock.setAgo(Duration.ofDays(10));
        Backup i3 = goodBackup(d, i2, "LF0002L8", 2);
        clock.setAgo(Duration.ofDays(200));
        Backup f3 = goodBackup(other, null, "LF0002L8", 3);
        clock.setAgo(Duration.ofDays(5));
        Backup i4 = goodBackup(other, f3, "LF0002L8", 4);
        Backup failedNew = catalog.backups().start(BackupStart.full(d.id()));
        catalog.backups().finish(failedNew.id(), BackupEnd.failed("disk full"));

        List<Obsolete> obsolete = catalog.retention().obsolete();
        assertEquals(List.of(f1.id(), i1.id(), failedOld.id()), obsolete.stream().map(Obsolete::backupId).toList(),
                "f2 and i2 stay for i3 (and i2 is the restore point at the window's start); f3 stays for i4");
        assertTrue(obsolete.get(2).reason().startsWith("not restorable"), obsolete.get(2).reason());

        assertEquals(List.of(f1.id(), i1.id(), failedOld.id()), catalog.retention().expireObsolete().backupIds());
        assertEquals(List.of(), catalog.retention().obsolete());
        for (Backup kept : List.of(f2, i2, i3, f3, i4)) {
            assertEquals(BackupStatus.GOOD, catalog.backups().require(kept.id()).status(), "backup " + kept.id());
        }
        assertEquals(BackupStatus.EXPIRED, catalog.backups().require(f1.id()).status());
        assertEquals(BackupStatus.FAILED, catalog.backups().require(failedNew.id()).status(), "inside retention");
    }

    @Test
    void fullyExpiredCartridgesGoBackToScratchEmpty() {
        policy(30);
        cartridges("LF0001L8", "LF0002L8");
        Dataset d = dataset("fs1", BackupKind.FS, "/srv");
        clock.setAgo(Duration.ofDays(100));
        Backup old = goodBackup(d, null, "LF0001L8", 0);
        clock.setAgo(Duration.ofDays(50));
        goodBackup(d, null, "LF0002L8", 0);
        clock.setAgo(Duration.ofDays(1));
        goodBackup(d, null, "LF0002L8", 1);
        assertEquals(List.of(old.id()), catalog.retention().expireObsolete().backupIds(),
                "the backup at 50 days is the restore point at the window's start and stays");

        assertEquals(List.of("LF0001L8"), catalog.cartridges().recyclable().stream().map(Cartridge::barcode).toList());
        Cartridge scratch = catalog.cartridges().returnToScratch("LF0001L8");
        assertEquals(Pool.SCRATCH, scratch.pool());
        assertEquals(Cartridge.State.SCRATCH, scratch.state());
        assertEquals(0, scratch.usedBytes());
        assertEquals(List.of(), catalog.backups().sections(old.id()));
        assertEquals(BackupStatus.EXPIRED, catalog.backups().require(old.id()).status());
        CatalogException live = assertThrows(CatalogException.class, () -> catalog.cartridges().returnToScratch("LF0002L8"));
        assertTrue(live.getMessage().contains("2 live backup"), live.getMessage());
    }

    @Test
    void walIsObsoleteOnlyBeforeTheOldestRetainedBackupAndOutsideTheWindow() {
        policy(30);
        cartridges("LF0001L8");
        Dataset d = dataset("db1", BackupKind.PG, "main");
        clock.setAgo(Duration.ofDays(101));
        WalRange ancient = catalog.wal().add(d.id(), 1, 0, SEG, "/s/0", null);
        pgBackup(d, Duration.ofDays(100), SEG, 0);
        clock.setAgo(Duration.ofDays(50));
        WalRange older = catalog.wal().add(d.id(), 1, SEG, 10 * SEG, "/s/1", null);
        pgBackup(d, Duration.ofDays(40), 10 * SEG, 1);
        clock.setAgo(Duration.ofDays(39));
        catalog.wal().add(d.id(), 1, 10 * SEG, 11 * SEG, "/s/10", null);
        pgBackup(d, Duration.ofDays(5), 20 * SEG, 2);
        clock.setAgo(Duration.ofDays(2));
        catalog.wal().add(d.id(), 1, 2 * SEG, 3 * SEG, "/s/late", null);

        assertEquals(List.of(ancient.id(), older.id()), catalog.retention().obsoleteWal().stream()
                .map(ObsoleteWal::walRangeId).sorted().toList(), "WAL from the retained backup at 40 days on, and WAL"
                + " received inside the window, stay");
        assertEquals(List.of(ancient.id(), older.id()), catalog.retention().expireObsolete().walRangeIds());
        assertEquals(2, catalog.wal().list(d.id()).size());
    }

    @Test
    void aDatasetWithoutPolicyKeepsEverything() {
        cartridges("LF0001L8");
        catalog.clients().register("keep", "h", null);
        Dataset d = catalog.datasets().ensure("keep", BackupKind.FS, "/", null);
        clock.setAgo(Duration.ofDays(400));
        goodBackup(d, null, "LF0001L8", 0);
        assertEquals(List.of(), catalog.retention().obsolete());
        assertEquals(List.of(), catalog.retention().needBackup());
    }

    private void pgBackup(Dataset d, Duration ago, long startLsn, int fileNumber) {
        clock.setAgo(ago.plusHours(1));
        Backup b = catalog.backups().start(BackupStart.full(d.id()).withWalStart(startLsn, 1, "17.5"));
        catalog.backups().addSection(b.id(), new TapeFile("LF0001L8", fileNumber, fileNumber * 10L, fileNumber * 10L + 5, 65536, 1000), null);
        clock.advance(Duration.ofHours(1));
        catalog.backups().finish(b.id(), BackupEnd.good(1000, 1000, 0, null).withEndLsn(startLsn + SEG));
    }
}
