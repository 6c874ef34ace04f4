package org.lanfree.media.server;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.lanfree.media.catalog.Cartridge;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.CatalogException;
import org.lanfree.media.catalog.Job;
import org.lanfree.media.catalog.JobState;
import org.lanfree.media.session.DrivePool;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.Element;
import org.lanfree.media.vtl.Pools;
import org.lanfree.media.vtl.RobotException;
import org.lanfree.media.vtl.TapeException;
import org.lanfree.media.vtl.TapeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The operator's tape commands against the library, each reflected in the catalog. A refused
 * request throws {@link AdminException} and changes neither. Calls are serialised: one robot.
 */
final class TapeOperations {

    private static final Logger log = LoggerFactory.getLogger(TapeOperations.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TapeLibrary library;
    private final Catalog catalog;
    private final CatalogInventory inventory;
    private final DrivePool drives;

    TapeOperations(TapeLibrary library, Catalog catalog, CatalogInventory inventory, DrivePool drives) {
        this.drives = drives;
        this.library = library;
        this.catalog = catalog;
        this.inventory = inventory;
    }

    /** Drives, slots, import/export slots, every cartridge the catalog knows, and pending mount requests. */
    synchronized ObjectNode status() throws IOException {
        ObjectNode out = JSON.createObjectNode();
        out.put("library", inventory.libraryName());
        Map<String, Cartridge> known = catalog.cartridges().list(null).stream()
                .collect(Collectors.toMap(Cartridge::barcode, Function.identity()));
        ArrayNode drives = out.putArray("drives");
        ArrayNode slots = out.putArray("slots");
        for (Element e : library.elements()) {
            Optional<Barcode> in = library.contents(e);
            ObjectNode row = (e.isDrive() ? drives : slots).addObject();
            if (e.isDrive()) {
                row.put("drive", e.number());
            } else {
                row.put("slot", e.number());
                row.put("kind", e.type() == Element.Type.SLOT ? "storage" : "ie");
            }
            row.put("barcode", in.map(Barcode::toString).orElse(null));
        }
        out.set("cartridges", tapes(known));
        ArrayNode mounts = out.putArray("mountRequests");
        for (Job j : catalog.jobs().list(EnumSet.of(JobState.WAITING))) {
            if (j.mountRequest() != null) {
                mounts.addObject().put("jobId", j.id()).put("request", j.mountRequest())
                        .put("since", String.valueOf(j.mountRequestedAt()));
            }
        }
        return out;
    }

    /** Every cartridge in the catalog, as {@code list tapes} shows them. */
    synchronized ObjectNode listTapes() {
        ObjectNode out = JSON.createObjectNode();
        out.set("tapes", tapes(catalog.cartridges().list(null).stream()
                .collect(Collectors.toMap(Cartridge::barcode, Function.identity()))));
        return out;
    }

    private static ArrayNode tapes(Map<String, Cartridge> known) {
        ArrayNode list = JSON.createArrayNode();
        known.values().stream().sorted((a, b) -> a.barcode().compareTo(b.barcode())).forEach(c -> list.addObject()
                .put("barcode", c.barcode()).put("pool", c.pool()).put("state", c.state().name().toLowerCase())
                .put("usedBytes", c.usedBytes()).put("capacityBytes", c.capacityBytes())
                .put("tapeFiles", c.tapeFiles()).put("writeProtected", c.writeProtected())
                .put("library", c.library()).put("location", c.location())
                .put("liveBackups", c.liveBackups()));
        return list;
    }

    synchronized ObjectNode label(String barcodeText, String pool, boolean force) throws IOException {
        Barcode barcode = barcode(barcodeText);
        try {
            Pools.check(pool);
        } catch (IllegalArgumentException e) {
            throw new AdminException("BAD_REQUEST", e.getMessage());
        }
        library.cartridge(barcode);
        inventory.checkRelabel(barcode);
        library.label(barcode, pool, force);
        inventory.reflect(barcode);
        inventory.relabelled(barcode, pool);
        log.info("tape: labelled {} into pool {}{}", barcode, pool, force ? " (forced)" : "");
        return result(barcode).put("pool", pool);
    }

    synchronized ObjectNode load(String barcodeText, Integer drive) throws IOException {
        Barcode barcode = barcode(barcodeText);
        int target = drive != null ? drive : firstEmptyDrive(barcode);
        refuseInUse(target, "load " + barcode + " into it");
        library.load(barcode, target);
        inventory.reflect(barcode);
        log.info("tape: loaded {} into drive {}", barcode, target);
        return result(barcode);
    }

    synchronized ObjectNode unload(int drive) throws IOException {
        refuseInUse(drive, "unload it");
        Barcode barcode = library.unload(drive);
        inventory.reflect(barcode);
        log.info("tape: unloaded {} from drive {}", barcode, drive);
        return result(barcode);
    }

    /**
     * Brings a cartridge into a storage slot: from the import/export slot, or, when the library
     * does not hold it, through the import/export slot (a shelved one, or a new blank in scratch).
     */
    synchronized ObjectNode importCartridge(String barcodeText) throws IOException {
        Barcode barcode = barcode(barcodeText);
        boolean inside = library.cartridges().stream().anyMatch(c -> c.barcode().equals(barcode));
        if (!inside) {
            requireFreeStorageSlot(barcode);
            library.insert(barcode);
            inventory.reflect(barcode);
        }
        library.importCartridge(barcode);
        inventory.reflect(barcode);
        log.info("tape: imported {} into {}", barcode, library.locate(barcode));
        return result(barcode);
    }

    /** Moves a cartridge to an import/export slot; with {@code remove}, also takes it out to the shelf. */
    synchronized ObjectNode exportCartridge(String barcodeText, boolean remove) throws IOException {
        Barcode barcode = barcode(barcodeText);
        Element at = library.exportCartridge(barcode);
        inventory.reflect(barcode);
        if (remove) {
            library.remove(barcode);
            inventory.reflect(barcode);
        }
        log.info("tape: exported {} to {}{}", barcode, at, remove ? " and took it out of the library" : "");
        return result(barcode);
    }

    private ObjectNode result(Barcode barcode) throws IOException {
        ObjectNode out = JSON.createObjectNode().put("barcode", barcode.toString());
        boolean inside = library.cartridges().stream().anyMatch(c -> c.barcode().equals(barcode));
        out.put("location", inside ? library.locate(barcode).toString() : "outside");
        return out;
    }

    /** A drive a backup session (or crosscheck) holds is not the operator's to move. */
    private void refuseInUse(int drive, String what) throws AdminException {
        if (drives.inUse(drive)) {
            throw new AdminException(RobotException.Reason.DESTINATION_FULL.name(), "drive " + drive
                    + " is in use by a backup session or a crosscheck, so the robot will not " + what
                    + "; expected an idle drive. HINT: wait until it is released ('lanfree list jobs') or use another drive");
        }
    }

    private int firstEmptyDrive(Barcode barcode) throws IOException {
        Element at = library.locate(barcode);
        if (at.isDrive()) {
            return at.number();
        }
        for (Element e : library.elements()) {
            if (e.isDrive() && library.contents(e).isEmpty() && !drives.inUse(e.number())) {
                return e.number();
            }
        }
        throw new AdminException(RobotException.Reason.DESTINATION_FULL.name(), "every drive of library "
                + inventory.libraryName() + " holds a cartridge, none is free for " + barcode
                + ". HINT: unload one with 'lanfree tape unload --drive N'");
    }

    /** Refuses an import before the cartridge enters the import/export slot it could not leave. */
    private void requireFreeStorageSlot(Barcode barcode) throws IOException {
        for (Element e : library.elements()) {
            if (e.type() == Element.Type.SLOT && library.contents(e).isEmpty()) {
                return;
            }
        }
        throw new AdminException(RobotException.Reason.NO_FREE_SLOT.name(), "every storage slot of library "
                + inventory.libraryName() + " holds a cartridge, none is free for " + barcode
                + ". HINT: export a cartridge first with 'lanfree tape export BARCODE --remove'");
    }

    private static Barcode barcode(String text) {
        try {
            return Barcode.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new AdminException("BAD_REQUEST", e.getMessage());
        }
    }

    /** Turns a library or catalog refusal into an {@link AdminException}; other failures pass. */
    static AdminException refusal(Exception e) {
        if (e instanceof RobotException r) {
            return new AdminException(r.reason().name(), r.getMessage());
        }
        if (e instanceof TapeException t) {
            return new AdminException("TAPE_ERROR", t.getMessage() + " (sense " + t.sense() + ")");
        }
        if (e instanceof CatalogException c) {
            return new AdminException("CATALOG_REFUSED", c.getMessage());
        }
        return null;
    }
}
