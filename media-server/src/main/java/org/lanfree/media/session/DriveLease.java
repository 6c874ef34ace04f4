package org.lanfree.media.session;

import java.util.ArrayList;
import java.util.List;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.Drive;
import org.lanfree.media.vtl.TapeFileWriter;

/**
 * One session's exclusive use of a drive, from {@link DrivePool#acquire} to {@link #close()}: the
 * drive holds a writable cartridge of {@link #pool()}, positioned by the writer at end-of-data.
 * {@link #nextCartridge()} is the callback a spanning {@link TapeFileWriter} calls at early warning.
 * Not thread-safe: one session uses it.
 */
public final class DriveLease implements AutoCloseable {

    private final DrivePool owner;
    private final Drive drive;
    private final String pool;
    private final Long job;
    private final List<Barcode> filled = new ArrayList<>();
    private boolean released;

    DriveLease(DrivePool owner, Drive drive, String pool, Long job) {
        this.owner = owner;
        this.drive = drive;
        this.pool = pool;
        this.job = job;
    }

    public Drive drive() {
        return drive;
    }

    public String pool() {
        return pool;
    }

    /** The job the drive works for; null when the session has none. */
    public Long job() {
        return job;
    }

    /** Cartridges this lease filled to early warning and swapped out, in order. */
    public List<Barcode> filled() {
        return List.copyOf(filled);
    }

    /** Loads the pool's next scratch cartridge into the same drive, waiting with a mount request if needed. */
    public TapeFileWriter.NextCartridge nextCartridge() {
        return (full, section) -> {
            filled.add(full);
            return owner.swap(this, full, section);
        };
    }

    boolean released() {
        return released;
    }

    void markReleased() {
        released = true;
    }

    /** Releases the drive to the next session in the queue. */
    @Override
    public void close() {
        owner.release(this);
    }

    @Override
    public String toString() {
        return drive + " for pool " + pool + (job == null ? "" : " (job " + job + ")");
    }
}
