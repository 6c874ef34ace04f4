package org.lanfree.media.session;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.CatalogException;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.Drive;
import org.lanfree.media.vtl.Pools;
import org.lanfree.media.vtl.TapeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lends the library's drives to sessions, one session per drive. A session that finds every drive
 * busy queues; drives go to the queue strictly in arrival order. The lent drive holds a writable
 * cartridge of the session's pool (see {@link CartridgePicker}); when the pool has none, the job
 * waits in state {@code waiting} with a {@link MountRequest} in the catalog, looking again whenever
 * {@link #cartridgesChanged()} is called and every {@link DrivePolicy#recheck()}, and fails after
 * {@link DrivePolicy#mountWait()}. Thread-safe.
 */
public final class DrivePool {

    private static final Logger log = LoggerFactory.getLogger(DrivePool.class);

    private final TapeLibrary library;
    private final Catalog catalog;
    private final DrivePolicy policy;
    private final CartridgePicker picker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Object> queue = new ArrayDeque<>();
    private final Set<Integer> busy = new HashSet<>();

    public DrivePool(TapeLibrary library, Catalog catalog, DrivePolicy policy, InventoryListener inventory) {
        this.library = library;
        this.catalog = catalog;
        this.policy = policy;
        this.picker = new CartridgePicker(library, catalog, inventory);
    }

    /**
     * Waits up to {@code timeout} for a free drive (after the sessions queued before this one), then
     * up to the mount wait for a writable cartridge of {@code pool} in it. {@code job} (may be null)
     * is the catalog job that shows the mount request.
     */
    public DriveLease acquire(String pool, Long job, Duration timeout) throws SessionException {
        Pools.check(pool);
        Object ticket = new Object();
        lock.lock();
        try {
            queue.addLast(ticket);
            Drive drive = awaitDrive(ticket, pool, timeout);
            DriveLease lease = new DriveLease(this, drive, pool, job);
            boolean ready = false;
            try {
                mount(lease);
                ready = true;
            } finally {
                if (!ready) {
                    busy.remove(drive.number());
                    changed.signalAll();
                }
            }
            log.info("drive {}: lent for pool {}{} with {}", drive.number(), pool, job == null ? "" : " to job " + job,
                    drive.loaded().map(Barcode::toString).orElse("?"));
            return lease;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException(SessionException.Failure.INTERRUPTED, "drive pool: interrupted while"
                    + " waiting for a drive or cartridge for pool " + pool + "; HINT: the media server is stopping");
        } catch (IOException e) {
            throw new SessionException(SessionException.Failure.TAPE, "drive pool: cannot mount a cartridge of pool "
                    + pool + ": " + e.getMessage(), e);
        } catch (CatalogException e) {
            throw new SessionException(SessionException.Failure.CATALOG, "drive pool: the catalog refused a mount"
                    + " for pool " + pool + ": " + e.getMessage(), e);
        } finally {
            if (queue.remove(ticket)) {
                changed.signalAll();
            }
            lock.unlock();
        }
    }

    /** Gives the drive back: its cartridge is unloaded unless the policy keeps it; the next session gets it. */
    public void release(DriveLease lease) {
        lock.lock();
        try {
            if (lease.released()) {
                return;
            }
            lease.markReleased();
            Drive drive = lease.drive();
            try {
                for (Barcode full : lease.filled()) {
                    picker.markFull(full);
                }
                if (!policy.keepLoaded() || !picker.holdsWritable(drive, lease.pool())) {
                    picker.unload(drive);
                }
            } catch (IOException | CatalogException e) {
                log.warn("drive {}: released with its cartridge still loaded: {}; the next session unloads it",
                        drive.number(), e.getMessage());
            }
            busy.remove(drive.number());
            changed.signalAll();
            log.info("drive {}: released by pool {}, {} sessions waiting", drive.number(), lease.pool(), queue.size());
        } finally {
            lock.unlock();
        }
    }

    /** Whether a session or a reservation holds {@code drive} now: nobody else may move its cartridge. */
    public boolean inUse(int drive) {
        lock.lock();
        try {
            return busy.contains(drive);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reserves a drive for work outside sessions (crosscheck reading a cartridge): drive
     * {@code wanted}, or any empty drive when it is null, waiting up to {@code timeout} for it to
     * be free. No session is lent a reserved drive until {@link #unreserve}. Returns its number.
     */
    public int reserve(Integer wanted, Duration timeout) throws SessionException {
        lock.lock();
        try {
            long deadline = deadline(timeout);
            while (true) {
                Integer free = wanted != null ? (busy.contains(wanted) ? null : wanted) : emptyIdleDrive();
                if (free != null) {
                    busy.add(free);
                    log.info("drive {}: reserved outside sessions", free);
                    return free;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SessionException(SessionException.Failure.NO_DRIVE, "drive pool: "
                            + (wanted != null ? "drive " + wanted + " is in use by a backup session"
                            : "no empty drive is free (backup sessions hold the others)") + " after waiting " + timeout
                            + "; HINT: run it again when the sessions end ('lanfree list jobs')");
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException(SessionException.Failure.INTERRUPTED, "drive pool: interrupted while"
                    + " waiting to reserve a drive; HINT: the media server is stopping");
        } finally {
            lock.unlock();
        }
    }

    /** Ends a {@link #reserve reservation}: sessions may have the drive again. */
    public void unreserve(int drive) {
        lock.lock();
        try {
            if (busy.remove(drive)) {
                log.info("drive {}: reservation ended", drive);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private Integer emptyIdleDrive() {
        for (Drive d : library.drives()) {
            if (!busy.contains(d.number()) && d.loaded().isEmpty()) {
                return d.number();
            }
        }
        return null;
    }

    /** An operator imported, inserted or returned cartridges: waiting jobs look at the library again now. */
    public void cartridgesChanged() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sessions queued for a drive. */
    public int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Spanning: the lease's cartridge {@code full} reached early warning; loads the pool's next scratch cartridge. */
    Drive swap(DriveLease lease, Barcode full, int section) throws IOException {
        lock.lock();
        try {
            Drive drive = lease.drive();
            picker.unload(drive);
            awaitCartridge(lease, true, MountRequest.forSection(lease.pool(), drive.number(), full, section));
            return drive;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CartridgeWaitException(new SessionException(SessionException.Failure.INTERRUPTED,
                    "drive " + lease.drive().number() + ": interrupted while waiting for a cartridge for section "
                    + section + "; HINT: the media server is stopping"));
        } catch (SessionException e) {
            throw new CartridgeWaitException(e);
        } finally {
            lock.unlock();
        }
    }

    private Drive awaitDrive(Object ticket, String pool, Duration timeout)
            throws InterruptedException, IOException, SessionException {
        long deadline = deadline(timeout);
        boolean logged = false;
        while (true) {
            if (queue.peekFirst() == ticket) {
                Drive drive = freeDrive(pool);
                if (drive != null) {
                    queue.removeFirst();
                    busy.add(drive.number());
                    changed.signalAll();
                    return drive;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SessionException(SessionException.Failure.NO_DRIVE, "drive pool: no drive became free for"
                        + " pool " + pool + " within " + timeout + "; all " + library.drives().size() + " drives are"
                        + " busy and " + (queue.size() - 1) + " other sessions are queued; HINT: add drives to"
                        + " the library or run fewer backups at once");
            }
            if (!logged) {
                log.info("drive pool: all drives busy, a session for pool {} queues as number {}", pool, queue.size());
                logged = true;
            }
            changed.awaitNanos(left);
        }
    }

    /** A free drive: one already holding a writable cartridge of the pool (when kept loaded), else an empty one, else any. */
    private Drive freeDrive(String pool) throws IOException {
        Drive empty = null;
        Drive other = null;
        for (Drive d : library.drives()) {
            if (busy.contains(d.number())) {
                continue;
            }
            if (d.loaded().isEmpty()) {
                empty = empty == null ? d : empty;
            } else if (policy.keepLoaded() && picker.holdsWritable(d, pool)) {
                return d;
            } else {
                other = other == null ? d : other;
            }
        }
        return empty != null ? empty : other;
    }

    private void mount(DriveLease lease) throws IOException, InterruptedException, SessionException {
        Drive drive = lease.drive();
        if (drive.loaded().isPresent()) {
            if (picker.holdsWritable(drive, lease.pool())) {
                return;
            }
            picker.unload(drive);
        }
        awaitCartridge(lease, false, MountRequest.forPool(lease.pool(), drive.number()));
    }

    private void awaitCartridge(DriveLease lease, boolean scratchOnly, String request)
            throws IOException, InterruptedException, SessionException {
        Drive drive = lease.drive();
        long deadline = deadline(policy.mountWait());
        boolean requested = false;
        while (true) {
            Optional<Barcode> loaded = picker.load(drive, lease.pool(), scratchOnly);
            if (loaded.isPresent()) {
                if (requested) {
                    if (lease.job() != null) {
                        catalog.jobs().mountSatisfied(lease.job());
                    }
                    log.info("drive {}: mount request satisfied with {}", drive.number(), loaded.get());
                }
                return;
            }
            if (!requested) {
                if (lease.job() != null) {
                    catalog.jobs().requestMount(lease.job(), request);
                }
                log.warn("drive {}: waiting up to {}: {}", drive.number(), policy.mountWait(), request);
                requested = true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SessionException(SessionException.Failure.NO_CARTRIDGE, "drive " + drive.number()
                        + ": no writable cartridge for pool " + lease.pool() + " arrived within " + policy.mountWait()
                        + (scratchOnly ? " (a scratch cartridge was needed to continue the backup)" : "")
                        + "; expected a partly filled cartridge of the pool or a scratch cartridge in a storage slot."
                        + " HINT: insert a scratch cartridge into the import/export slot and run 'lanfree tape import"
                        + " BARCODE', or raise the mount wait");
            }
            changed.awaitNanos(Math.min(left, policy.recheck().toNanos()));
        }
    }

    private static long deadline(Duration wait) {
        long now = System.nanoTime();
        long nanos = wait.compareTo(Duration.ofDays(365)) > 0 ? TimeUnit.DAYS.toNanos(365) : wait.toNanos();
        return now + nanos;
    }

    /** Carries a failed cartridge wait out of the tape writer's spanning callback. */
    static final class CartridgeWaitException extends IOException {

        private final SessionException failure;

        CartridgeWaitException(SessionException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }

        SessionException failure() {
            return failure;
        }
    }
}
