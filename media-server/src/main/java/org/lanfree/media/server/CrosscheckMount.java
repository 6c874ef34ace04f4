package org.lanfree.media.server;

import java.io.IOException;
import java.time.Duration;

import org.lanfree.media.session.DrivePool;
import org.lanfree.media.session.SessionException;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.Drive;
import org.lanfree.media.vtl.Element;
import org.lanfree.media.vtl.RobotException;
import org.lanfree.media.vtl.Section;
import org.lanfree.media.vtl.TapeLibrary;

/**
 * Mounts the cartridges crosscheck reads, on drives reserved through the {@link DrivePool} so that
 * no backup session is lent them meanwhile. A cartridge already in an idle drive is read there and
 * left there; one in a drive a session holds is refused (reading would move the drive under the
 * writer); any other is loaded into a free empty drive and unloaded again (to its slot) before the
 * next one or on {@link #close()}. Each move is recorded in the catalog.
 */
final class CrosscheckMount implements AutoCloseable {

    private static final Duration FREE_DRIVE_WAIT = Duration.ofSeconds(10);

    private final TapeLibrary library;
    private final CatalogInventory inventory;
    private final DrivePool drives;
    private Integer drive;
    private Barcode loaded;
    private Section current;

    CrosscheckMount(TapeLibrary library, CatalogInventory inventory, DrivePool drives) {
        this.library = library;
        this.inventory = inventory;
        this.drives = drives;
    }

    /** A {@link org.lanfree.media.vtl.TapeFileReader.Mount}: a drive holding the section's cartridge. */
    Drive mount(Section section) throws IOException {
        current = section;
        Element at = library.locate(section.barcode());
        if (at.isDrive()) {
            if (drive == null || drive != at.number()) {
                releaseOurs();
                drive = reserve(at.number(), Duration.ZERO, section.barcode());
            }
            return library.drive(at.number());
        }
        releaseOurs();
        drive = reserve(null, FREE_DRIVE_WAIT, section.barcode());
        Drive d = library.load(section.barcode(), drive);
        loaded = section.barcode();
        inventory.reflect(loaded);
        return d;
    }

    /** The section being read, or null before the first. */
    Section current() {
        return current;
    }

    private int reserve(Integer wanted, Duration wait, Barcode barcode) throws AdminException {
        try {
            return drives.reserve(wanted, wait);
        } catch (SessionException e) {
            throw new AdminException(RobotException.Reason.DESTINATION_FULL.name(), "crosscheck cannot read " + barcode
                    + ": " + e.getMessage());
        }
    }

    /** Unloads what crosscheck loaded itself and ends its reservation. */
    private void releaseOurs() throws IOException {
        Integer reserved = drive;
        drive = null;
        try {
            if (loaded != null) {
                Barcode b = loaded;
                loaded = null;
                library.unload(reserved);
                inventory.reflect(b);
            }
        } finally {
            if (reserved != null) {
                drives.unreserve(reserved);
            }
        }
    }

    @Override
    public void close() throws IOException {
        releaseOurs();
    }
}
