package org.lanfree.media.catalog;

import static java.time.temporal.ChronoUnit.MICROS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Clients, policies, datasets, pools, cartridges and the library copy. */
abstract class InventoryContract extends CatalogContract {

    @Test
    void registeringAClientAgainUpdatesItsAddressAndKeepsItsId() {
        Client first = catalog.clients().register("fs1", "10.0.0.5", 7100);
        Client again = catalog.clients().register("fs1", "10.0.0.6", 7200);
        assertEquals(first.id(), again.id());
        assertEquals("10.0.0.6", again.host());
        assertEquals(7200, again.port());
        assertEquals(first.registeredAt(), again.registeredAt());
        assertEquals(List.of(again), catalog.clients().list());
    }

    @Test
    void unknownClientErrorNamesTheRegisteredOnes() {
        catalog.clients().register("db1", "h", null);
        CatalogException e = assertThrows(CatalogException.class, () -> catalog.clients().require("nope"));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("db1"), e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void aValueTheDatabaseRefusesFailsNamingTheOperationAndIsNotRetryable() {
        CatalogException e = assertThrows(CatalogException.class,
                () -> catalog.clients().register("db1", "h".repeat(300), null));
        assertTrue(e.getMessage().contains("Clients.register failed") && e.getMessage().contains("SQLSTATE 22001"), e.getMessage());
        assertFalse(e.retryable());
        assertEquals(List.of(), catalog.clients().list());
    }

    @Test
    void policyRoundTripsEverySetting() {
        catalog.cartridges().ensurePool("weekly", Pool.Kind.TAPE, null);
        PolicySpec spec = PolicySpec.of("files", "weekly", 14).withCompression(Compression.ZSTD)
                .withSchedule(Duration.ofHours(24), Duration.ofDays(7))
                .withExcludes(List.of("*.tmp", "/proc", "cache dir/"), true).withMaxRate(50_000);
        Policy stored = catalog.policies().put(spec);
        assertEquals(spec, stored.spec());
        assertEquals(spec, catalog.policies().require("files").spec());
        assertEquals(stored.createdAt(), clock.instant().truncatedTo(MICROS));
    }

    @Test
    void puttingAPolicyAgainReplacesItsSettings() {
        catalog.cartridges().ensurePool("weekly", Pool.Kind.TAPE, null);
        Policy first = catalog.policies().put(PolicySpec.of("files", "weekly", 14).withCompression(Compression.LZ4));
        Policy second = catalog.policies().put(PolicySpec.of("files", "weekly", 30));
        assertEquals(first.id(), second.id());
        assertEquals(30, second.spec().retentionDays());
        assertEquals(Compression.NONE, second.spec().compression());
        assertEquals(1, catalog.policies().list().size());
    }

    @Test
    void policyOnAMissingPoolIsRefusedNamingThePools() {
        catalog.cartridges().ensurePool("daily", Pool.Kind.TAPE, null);
        CatalogException e = assertThrows(CatalogException.class,
                () -> catalog.policies().put(PolicySpec.of("p", "nightly", 7)));
        assertTrue(e.getMessage().contains("'nightly'") && e.getMessage().contains("daily"), e.getMessage());
    }

    @Test
    void ensuringADatasetTwiceKeepsOneAndUpdatesItsPolicy() {
        Dataset d = dataset("db1", BackupKind.PG, "main");
        catalog.policies().put(PolicySpec.of("long", "daily", 90));
        Dataset again = catalog.datasets().ensure("db1", BackupKind.PG, "main", "long");
        assertEquals(d.id(), again.id());
        assertEquals(catalog.policies().require("long").id(), again.policyId());
        assertEquals(List.of(again), catalog.datasets().list("db1"));
        assertEquals("db1", again.client());
    }

    @Test
    void cartridgesShowPoolUsageAndWhereTheyAre() {
        cartridges("LF0001L8", "LF0002L8");
        catalog.cartridges().add("LF0003L8", Pool.SCRATCH, CAPACITY);
        catalog.library().placeInDrive(LIBRARY, "LF0002L8", 1);
        catalog.library().placeInSlot(LIBRARY, "LF0003L8", 10);

        Cartridge one = catalog.cartridges().require("LF0001L8");
        assertEquals("daily", one.pool());
        assertEquals(Cartridge.State.FILLING, one.state());
        assertEquals("slot 0", one.location());
        assertEquals(LIBRARY, one.library());
        assertEquals("drive 1", catalog.cartridges().require("LF0002L8").location());
        Cartridge scratch = catalog.cartridges().require("LF0003L8");
        assertEquals("ie 10", scratch.location());
        assertEquals(Cartridge.State.SCRATCH, scratch.state());
        assertNull(catalog.library().slots(LIBRARY).get(1).barcode(), "slot 1 is empty after the load");

        catalog.library().remove("LF0003L8");
        assertEquals("outside", catalog.cartridges().require("LF0003L8").location());
        assertEquals(3, catalog.cartridges().list(null).size());
        assertEquals(2, catalog.cartridges().list("daily").size());
    }

    @Test
    void takingScratchPicksTheLowestBarcodeInTheLibraryIntoThePool() {
        cartridges();
        catalog.cartridges().add("LF0009L8", Pool.SCRATCH, CAPACITY);
        catalog.cartridges().add("LF0005L8", Pool.SCRATCH, CAPACITY);
        catalog.cartridges().add("LF0001L8", Pool.SCRATCH, CAPACITY);
        catalog.library().placeInSlot(LIBRARY, "LF0009L8", 0);
        catalog.library().placeInSlot(LIBRARY, "LF0005L8", 1);
        catalog.cartridges().writeProtect("LF0005L8", true);

        Optional<Cartridge> taken = catalog.cartridges().takeScratch(LIBRARY, "daily");
        assertEquals("LF0009L8", taken.orElseThrow().barcode(), "LF0001L8 is outside, LF0005L8 write-protected");
        assertEquals("daily", taken.get().pool());
        assertEquals(Cartridge.State.FILLING, taken.get().state());
        assertEquals(Optional.empty(), catalog.cartridges().takeScratch(LIBRARY, "daily"));
    }

    @Test
    void badBarcodesAndDuplicatesAreRefused() {
        cartridges("LF0001L8");
        assertThrows(CatalogException.class, () -> catalog.cartridges().add("lf0002", "daily", CAPACITY));
        CatalogException dup = assertThrows(CatalogException.class, () -> catalog.cartridges().add("LF0001L8", "daily", CAPACITY));
        assertTrue(dup.getMessage().contains("already"), dup.getMessage());
        CatalogException full = assertThrows(CatalogException.class, () -> catalog.library().placeInSlot(LIBRARY, "LF0001L8", 99));
        assertTrue(full.getMessage().contains("slot 99"), full.getMessage());
    }
}
