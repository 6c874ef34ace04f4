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
 * Mounts the cartridges that crosscheck and restores read, on drives reserved through the
 * {@link DrivePool} so that no backup session is lent them meanwhile. A cartridge already in an idle drive is read there and
 * left there; one in a drive someone else holds is waited for up to {@code inUseWait}, then
 * refused (reading would move the drive under a writer); any other is loaded into a free empty
 * drive and unloaded again (to its slot) before the next one or on {@link #close()}. Each move
 * is recorded in the catalog and takes the server's robot lock; waits happen outside it, so other
 * robot moves go on meanwhile.
 */
final class SectionMount implements AutoCloseable {

    private static final long IN_USE_PAUSE_MILLIS = 100;

    private final TapeLibrary library;
    private final CatalogInventory inventory;
    private final Object robot;
    private final DrivePool drives;
    private final Duration freeDriveWait;
    private final Duration inUseWait;
    private final String reader;
    private Integer drive;
    private Barcode loaded;
    private Section current;

    /**
     * {@code robot} is the lock every robot move of this server holds; {@code reader} names who
     * reads in errors ("crosscheck", "restore of backup 7").
     */
    SectionMount(TapeLibrary library, CatalogInventory inventory, Object robot, DrivePool drives,
            Duration freeDriveWait, Duration inUseWait, String reader) {
        this.library = library;
        this.inventory = inventory;
        this.robot = robot;
        this.drives = drives;
        this.freeDriveWait = freeDriveWait;
        this.inUseWait = inUseWait;
        this.reader = reader;
    }

    /** A {@link org.lanfree.media.vtl.TapeFileReader.Mount}: a drive holding the section's cartridge. */
    Drive mount(Section section) throws IOException {
        long deadline = System.nanoTime() + inUseWait.toNanos();
        while (true) {
            try {
                synchronized (robot) {
                    return mountOnce(section);
                }
            } catch (CartridgeInUse e) {
                if (System.nanoTime() > deadline) {
                    throw e.refusal;
                }
            }
            try {
                Thread.sleep(IN_USE_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(reader + ": interrupted while waiting for " + section.barcode(), e);
            }
        }
    }

    private Drive mountOnce(Section section) throws IOException {
        current = section;
        Element at = library.locate(section.barcode());
        if (at.isDrive()) {
            if (drive == null || drive != at.number()) {
                releaseOurs();
                try {
                    drive = reserve(at.number(), Duration.ZERO, section.barcode());
                } catch (AdminException e) {
                    throw new CartridgeInUse(e);
                }
            }
            return library.drive(at.number());
        }
        releaseOurs();
        drive = reserve(null, freeDriveWait, section.barcode());
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
            throw new AdminException(RobotException.Reason.DESTINATION_FULL.name(), reader + " cannot read " + barcode
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
        synchronized (robot) {
            releaseOurs();
        }
    }

    /** The cartridge is in a drive someone else holds: worth waiting for, unlike a missing drive. */
    private static final class CartridgeInUse extends IOException {
        private final AdminException refusal;

        CartridgeInUse(AdminException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }
    }
}
