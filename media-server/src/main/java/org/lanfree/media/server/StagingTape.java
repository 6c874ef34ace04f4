package org.lanfree.media.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.Pool;
import org.lanfree.media.session.DriveLease;
import org.lanfree.media.session.DrivePool;
import org.lanfree.media.session.SessionException;
import org.lanfree.media.staging.TapeSource;
import org.lanfree.media.staging.TapeTarget;
import org.lanfree.media.vtl.BackupInfo;
import org.lanfree.media.vtl.Section;
import org.lanfree.media.vtl.TapeFileReader;
import org.lanfree.media.vtl.TapeFileWriter;
import org.lanfree.media.vtl.TapeLibrary;

/**
 * The staging pool's tape: migrations write their tape file on a drive lent by the
 * {@link DrivePool} (a cartridge of the staging tape pool, spanning to the next scratch one like a
 * backup); segments read back from tape mount their cartridges on reserved drives, as restores do.
 */
final class StagingTape implements TapeTarget, TapeSource {

    private final Catalog catalog;
    private final TapeLibrary library;
    private final CatalogInventory inventory;
    private final Object robot;
    private final DrivePool drives;
    private final String pool;
    private final Duration driveWait;

    StagingTape(Catalog catalog, TapeLibrary library, CatalogInventory inventory, Object robot, DrivePool drives,
            String pool, Duration driveWait) {
        this.catalog = catalog;
        this.library = library;
        this.inventory = inventory;
        this.robot = robot;
        this.drives = drives;
        this.pool = pool;
        this.driveWait = driveWait;
    }

    @Override
    public List<Section> write(BackupInfo backup, Payload payload) throws IOException {
        catalog.cartridges().ensurePool(pool, Pool.Kind.TAPE, "tape pool " + pool + " (staging migrations)");
        try (DriveLease lease = drives.acquire(pool, null, driveWait)) {
            try (TapeFileWriter tape = TapeFileWriter.start(lease.drive(), backup, lease.nextCartridge())) {
                payload.writeTo(tape);
                return tape.finish();
            }
        } catch (SessionException e) {
            throw new IOException("no drive for the staging migration: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String tapeFile, List<Section> sections) {
        SectionMount mount = new SectionMount(library, inventory, robot, drives, driveWait, RestoreSender.IN_USE_WAIT,
                "read of staged " + tapeFile);
        TapeFileReader reader = new TapeFileReader(sections, mount::mount);
        return new FilterInputStream(reader) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    mount.close();
                }
            }
        };
    }
}
