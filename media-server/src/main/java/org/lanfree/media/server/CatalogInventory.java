package org.lanfree.media.server;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.lanfree.media.catalog.Cartridge;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.Pool;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.CartridgeInfo;
import org.lanfree.media.vtl.Element;
import org.lanfree.media.vtl.Pools;
import org.lanfree.media.vtl.TapeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the catalog's copy of one library (its pools, cartridges, slots and drives) equal to the
 * library itself. {@link #syncAll()} runs at start; {@link #reflect} after every robot move.
 *
 * <p>The VTL numbers storage slots from 1, the catalog's {@code Library.define} from 0: the
 * library is defined with one storage slot more and the unused slot 0 row is dropped, so both
 * show the same numbers. Relabelling into another pool has no catalog method yet, so
 * {@link #relabelled} updates the row itself, refusing while the catalog holds live data on it.
 */
final class CatalogInventory {

    private static final Logger log = LoggerFactory.getLogger(CatalogInventory.class);

    private final Catalog catalog;
    private final TapeLibrary library;
    private final String name;

    CatalogInventory(Catalog catalog, TapeLibrary library, String name) {
        this.catalog = catalog;
        this.library = library;
        this.name = name;
    }

    String libraryName() {
        return name;
    }

    /** Declares the library, its pools and cartridges, and records where every cartridge is. */
    void syncAll() throws IOException {
        var config = library.config();
        List<String> drives = library.drives().stream().map(d -> name + "-drive" + d.number()).toList();
        catalog.library().define(name, config.slots() + 1, config.importExportSlots(), drives);
        catalog.jdbi().useHandle(h -> h.createUpdate("DELETE FROM slots WHERE library = :library AND slot_no = 0"
                + " AND barcode IS NULL").bind("library", name).execute());
        for (String pool : library.pools()) {
            ensurePool(pool);
        }
        for (var slot : catalog.library().slots(name)) {
            if (slot.barcode() != null) {
                catalog.library().remove(slot.barcode());
            }
        }
        for (var drive : catalog.library().drives(name)) {
            if (drive.barcode() != null) {
                catalog.library().remove(drive.barcode());
            }
        }
        List<CartridgeInfo> cartridges = library.cartridges();
        for (CartridgeInfo c : cartridges) {
            reflect(c);
        }
        log.info("inventory: library {} synced to the catalog: {} cartridges, pools {}", name, cartridges.size(),
                library.pools());
    }

    /** Records where {@code barcode} now is (in this library, or outside when it left it). */
    void reflect(Barcode barcode) throws IOException {
        Optional<CartridgeInfo> info = library.cartridges().stream().filter(c -> c.barcode().equals(barcode)).findFirst();
        if (info.isPresent()) {
            reflect(info.get());
        } else {
            catalog.library().remove(barcode.toString());
        }
    }

    private void reflect(CartridgeInfo c) {
        String barcode = c.barcode().toString();
        Optional<Cartridge> known = catalog.cartridges().get(barcode);
        if (known.isEmpty()) {
            ensurePool(c.pool());
            catalog.cartridges().add(barcode, c.pool(), c.capacity());
            log.info("inventory: {} added to the catalog in pool {}", barcode, c.pool());
        } else if (!known.get().pool().equals(c.pool())) {
            log.warn("inventory: {} is in pool {} on its label but in pool {} in the catalog; the catalog is kept."
                    + " HINT: 'lanfree tape label {} --pool POOL' sets both", barcode, c.pool(), known.get().pool(), barcode);
        }
        if (known.isPresent() && known.get().writeProtected() != c.writeProtected()) {
            catalog.cartridges().writeProtect(barcode, c.writeProtected());
        }
        Element at = c.location();
        if (at == null) {
            catalog.library().remove(barcode);
        } else if (at.isDrive()) {
            catalog.library().placeInDrive(name, barcode, at.number());
        } else {
            catalog.library().placeInSlot(name, barcode, at.number());
        }
    }

    /**
     * Checks that the catalog lets {@code barcode} be relabelled: it must hold no live backup or
     * WAL. Call before the library erases the cartridge.
     */
    void checkRelabel(Barcode barcode) {
        catalog.cartridges().get(barcode.toString()).ifPresent(c -> {
            if (c.liveBackups() > 0 || c.liveWalRanges() > 0) {
                throw new AdminException("CATALOG_REFUSED", "cartridge " + barcode + " holds " + c.liveBackups()
                        + " live backup(s) and " + c.liveWalRanges() + " live WAL range(s) in the catalog;"
                        + " expected none before it is labelled again. HINT: 'lanfree delete obsolete' expires"
                        + " what retention allows, then label it");
            }
        });
    }

    /** Records a new label: the cartridge is empty and in {@code pool} (scratch, or filling in a tape pool). */
    void relabelled(Barcode barcode, String pool) {
        ensurePool(pool);
        String state = Pools.SCRATCH.equals(pool) ? "scratch" : "filling";
        catalog.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM backup_sections WHERE barcode = :barcode").bind("barcode", barcode.toString())
                    .execute();
            h.createUpdate("DELETE FROM wal_ranges WHERE barcode = :barcode AND expired_at IS NOT NULL")
                    .bind("barcode", barcode.toString()).execute();
            h.createUpdate("UPDATE cartridges SET pool = :pool, state = :state, used_bytes = 0, tape_files = 0"
                            + " WHERE barcode = :barcode")
                    .bind("pool", pool).bind("state", state).bind("barcode", barcode.toString()).execute();
        });
    }

    private void ensurePool(String pool) {
        Pool.Kind kind = Pools.SCRATCH.equals(pool) ? Pool.Kind.SCRATCH : Pool.Kind.TAPE;
        catalog.cartridges().ensurePool(pool, kind, kind == Pool.Kind.SCRATCH ? "empty cartridges" : "tape pool " + pool);
    }
}
