package org.lanfree.media.catalog;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the catalog contract suites: each test gets a fresh catalog from the database
 * implementation under test ({@link #source()}), a clock it controls, and helpers that build the
 * usual inventory (a client with a dataset under a policy, cartridges in a library).
 */
abstract class CatalogContract {

    static final String LIBRARY = "lib1";
    static final long CAPACITY = 1L << 30;

    final TestClock clock = new TestClock();
    Catalog catalog;

    /** The database implementation under test. */
    abstract CatalogSource source();

    @BeforeEach
    void openCatalog() {
        catalog = source().fresh(clock);
    }

    @AfterEach
    void closeCatalog() {
        catalog.close();
    }

    /** A tape pool "daily" and a policy "std" writing to it with {@code retentionDays}. */
    Policy policy(int retentionDays) {
        catalog.cartridges().ensurePool("daily", Pool.Kind.TAPE, "daily backups");
        return catalog.policies().put(PolicySpec.of("std", "daily", retentionDays)
                .withSchedule(Duration.ofDays(1), Duration.ofDays(7)));
    }

    /** Client {@code client} with dataset {@code name} of {@code kind} under policy "std" (retention 30 days). */
    Dataset dataset(String client, BackupKind kind, String name) {
        if (catalog.policies().find("std").isEmpty()) {
            policy(30);
        }
        catalog.clients().register(client, client + ".example", kind == BackupKind.FS ? 7100 : null);
        return catalog.datasets().ensure(client, kind, name, "std");
    }

    /** Cartridges in pool "daily" (writable, filling), placed in storage slots of library lib1. */
    void cartridges(String... barcodes) {
        if (catalog.policies().find("std").isEmpty()) {
            policy(30);
        }
        catalog.library().define(LIBRARY, 10, 1, List.of("drive0", "drive1"));
        int slot = catalog.library().slots(LIBRARY).stream().filter(s -> s.barcode() != null).toList().size();
        for (String barcode : barcodes) {
            catalog.cartridges().add(barcode, "daily", CAPACITY);
            catalog.library().placeInSlot(LIBRARY, barcode, slot++);
        }
    }

    /** A finished backup: started by the clock, one section on {@code barcode}, ended good an hour later. */
    Backup goodBackup(Dataset d, Backup parent, String barcode, int fileNumber) {
        BackupStart start = parent == null ? BackupStart.full(d.id()) : BackupStart.incremental(d.id(), parent.id());
        Backup b = catalog.backups().start(start);
        catalog.backups().addSection(b.id(), new TapeFile(barcode, fileNumber, fileNumber * 100L, fileNumber * 100L + 9, 65536, 600_000), null);
        clock.advance(Duration.ofHours(1));
        return catalog.backups().finish(b.id(), BackupEnd.good(600_000, 600_000, 10, "ab".repeat(32)));
    }
}
