package org.lanfree.media.session;

import java.io.IOException;
import java.util.Comparator;
import java.util.Optional;
import org.lanfree.media.catalog.Cartridge;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.Pool;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.CartridgeInfo;
import org.lanfree.media.vtl.Drive;
import org.lanfree.media.vtl.Element;
import org.lanfree.media.vtl.Pools;
import org.lanfree.media.vtl.RobotException;
import org.lanfree.media.vtl.TapeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a writable cartridge of a pool and loads it: first the pool's partly filled cartridge in a
 * storage slot (lowest barcode), else the library's next scratch cartridge, which joins the pool in
 * the library and in the catalog. A cartridge is writable when it is labelled, not write-protected,
 * short of early warning, and neither full, damaged nor retired in the catalog. Not thread-safe: the
 * {@link DrivePool} calls it under its lock.
 */
final class CartridgePicker {

    private static final Logger log = LoggerFactory.getLogger(CartridgePicker.class);

    private final TapeLibrary library;
    private final Catalog catalog;
    private final InventoryListener inventory;

    CartridgePicker(TapeLibrary library, Catalog catalog, InventoryListener inventory) {
        this.library = library;
        this.catalog = catalog;
        this.inventory = inventory;
    }

    /** Whether the cartridge in {@code drive} can take the pool's next tape file. */
    boolean holdsWritable(Drive drive, String pool) throws IOException {
        Optional<Barcode> loaded = drive.loaded();
        return loaded.isPresent() && writable(library.cartridge(loaded.get()), pool);
    }

    /**
     * Loads a writable cartridge of {@code pool} into the empty {@code drive}; with {@code scratchOnly}
     * only a new scratch cartridge will do (a spanning backup). Empty when there is none.
     */
    Optional<Barcode> load(Drive drive, String pool, boolean scratchOnly) throws IOException {
        Optional<Barcode> partial = Optional.empty();
        if (!scratchOnly) {
            partial = library.cartridges().stream()
                    .filter(c -> c.location() != null && c.location().type() == Element.Type.SLOT)
                    .filter(c -> writable(c, pool))
                    .map(CartridgeInfo::barcode)
                    .min(Comparator.naturalOrder());
        }
        Barcode chosen;
        if (partial.isPresent()) {
            chosen = partial.get();
        } else {
            try {
                chosen = library.takeScratch(pool);
            } catch (RobotException e) {
                if (e.reason() == RobotException.Reason.NO_SCRATCH) {
                    return Optional.empty();
                }
                throw e;
            }
            joinPool(chosen, pool);
        }
        library.load(chosen, drive.number());
        moved(chosen);
        log.info("drive {}: loaded {} of pool {} ({})", drive.number(), chosen, pool,
                partial.isPresent() ? "partly filled" : "from scratch");
        return Optional.of(chosen);
    }

    /** Returns the drive's cartridge to a slot. */
    void unload(Drive drive) throws IOException {
        if (drive.loaded().isPresent()) {
            moved(library.unload(drive.number()));
        }
    }

    /** The cartridge reached early warning: the catalog stops offering it for writing. */
    void markFull(Barcode barcode) {
        catalog.cartridges().get(barcode.toString())
                .filter(c -> c.state() == Cartridge.State.FILLING || c.state() == Cartridge.State.SCRATCH)
                .ifPresent(c -> catalog.cartridges().setState(barcode.toString(), Cartridge.State.FULL));
    }

    private boolean writable(CartridgeInfo c, String pool) {
        if (!c.pool().equals(pool) || !c.labelled() || c.writeProtected() || c.usedBytes() >= c.earlyWarning()) {
            return false;
        }
        Optional<Cartridge> known = catalog.cartridges().get(c.barcode().toString());
        return known.isEmpty() || !known.get().writeProtected() && (known.get().state() == Cartridge.State.FILLING
                || known.get().state() == Cartridge.State.SCRATCH);
    }

    /** Records in the catalog that the cartridge taken from scratch now belongs to {@code pool}. */
    private void joinPool(Barcode barcode, String pool) throws IOException {
        catalog.cartridges().ensurePool(pool, Pool.Kind.TAPE, "tape pool " + pool);
        String b = barcode.toString();
        Optional<Cartridge> known = catalog.cartridges().get(b);
        if (known.isEmpty()) {
            catalog.cartridges().ensurePool(Pools.SCRATCH, Pool.Kind.SCRATCH, "empty cartridges");
            catalog.cartridges().add(b, pool, library.cartridge(barcode).capacity());
        } else if (Pool.SCRATCH.equals(known.get().pool())) {
            catalog.jdbi().useHandle(h -> h.createUpdate("UPDATE cartridges SET pool = :pool, state = 'filling'"
                    + " WHERE barcode = :barcode AND pool = 'scratch'").bind("pool", pool).bind("barcode", b).execute());
        }
        log.info("library: {} joined pool {} from scratch", barcode, pool);
    }

    private void moved(Barcode barcode) {
        try {
            inventory.moved(barcode);
        } catch (IOException | RuntimeException e) {
            log.warn("library: the catalog's inventory did not follow the move of {}: {}", barcode, e.getMessage());
        }
    }
}
