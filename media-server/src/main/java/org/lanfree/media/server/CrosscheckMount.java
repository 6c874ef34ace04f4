package org.lanfree.media.server;

import java.io.IOException;

import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.Drive;
import org.lanfree.media.vtl.Element;
import org.lanfree.media.vtl.RobotException;
import org.lanfree.media.vtl.Section;
import org.lanfree.media.vtl.TapeLibrary;

/**
 * Mounts the cartridges crosscheck reads. A cartridge already in a drive is read there and left
 * there; any other is loaded into the first free drive and unloaded again (to its slot) before
 * the next one or on {@link #close()}. Each move is recorded in the catalog.
 */
final class CrosscheckMount implements AutoCloseable {

    private final TapeLibrary library;
    private final CatalogInventory inventory;
    private Integer drive;
    private Barcode loaded;
    private Section current;

    CrosscheckMount(TapeLibrary library, CatalogInventory inventory) {
        this.library = library;
        this.inventory = inventory;
    }

    /** A {@link org.lanfree.media.vtl.TapeFileReader.Mount}: a drive holding the section's cartridge. */
    Drive mount(Section section) throws IOException {
        current = section;
        Element at = library.locate(section.barcode());
        if (at.isDrive()) {
            return library.drive(at.number());
        }
        unloadOurs();
        int target = freeDrive(section.barcode());
        Drive d = library.load(section.barcode(), target);
        drive = target;
        loaded = section.barcode();
        inventory.reflect(loaded);
        return d;
    }

    /** The section being read, or null before the first. */
    Section current() {
        return current;
    }

    private int freeDrive(Barcode barcode) throws IOException {
        for (Element e : library.elements()) {
            if (e.isDrive() && library.contents(e).isEmpty()) {
                return e.number();
            }
        }
        throw new AdminException(RobotException.Reason.DESTINATION_FULL.name(), "every drive of the library holds a"
                + " cartridge, none is free to read " + barcode + " for crosscheck; expected one empty drive."
                + " HINT: unload one with 'lanfree tape unload --drive N' and run crosscheck again");
    }

    private void unloadOurs() throws IOException {
        if (loaded != null) {
            Barcode b = loaded;
            loaded = null;
            library.unload(drive);
            inventory.reflect(b);
        }
    }

    @Override
    public void close() throws IOException {
        unloadOurs();
    }
}
