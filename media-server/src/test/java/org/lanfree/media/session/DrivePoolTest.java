package org.lanfree.media.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.Job;
import org.lanfree.media.catalog.JobState;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.TapeLibrary;

/** The drive pool over a real library and an embedded catalog. */
class DrivePoolTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final ExecutorService sessions = Executors.newCachedThreadPool();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        sessions.shutdownNow();
        assertTrue(sessions.awaitTermination(10, TimeUnit.SECONDS));
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private TapeLibrary library(int cartridges) throws Exception {
        TapeLibrary library = TapeLibrary.open(SessionFixtures.library(tmp.resolve("vtl"), cartridges));
        open.add(library);
        return library;
    }

    private Catalog catalog() {
        Catalog catalog = Catalog.embedded(tmp.resolve("catalog"));
        open.add(catalog);
        SessionFixtures.dataset(catalog);
        return catalog;
    }

    @Test
    void aReservedDriveIsNeverLentToASessionAndALeasedOneCannotBeReserved() throws Exception {
        TapeLibrary library = library(3);
        Catalog catalog = catalog();
        DrivePool pool = new DrivePool(library, catalog, DrivePolicy.defaults(), InventoryListener.NONE);
        List<Integer> reserved = new ArrayList<>();
        for (int i = 0; i < library.drives().size(); i++) {
            reserved.add(pool.reserve(null, WAIT));
        }
        assertTrue(reserved.stream().allMatch(pool::inUse), "every drive is reserved: " + reserved);
        SessionException none = assertThrows(SessionException.class,
                () -> pool.acquire("daily", null, Duration.ofMillis(200)));
        assertEquals(SessionException.Failure.NO_DRIVE, none.failure(), none.getMessage());
        int first = reserved.get(0);
        pool.unreserve(first);
        try (DriveLease lease = pool.acquire("daily", null, WAIT)) {
            assertEquals(first, lease.drive().number());
            SessionException busy = assertThrows(SessionException.class, () -> pool.reserve(first, Duration.ZERO));
            assertTrue(busy.getMessage().contains("drive " + first + " is in use by a backup session"), busy.getMessage());
        }
        assertEquals(first, pool.reserve(first, Duration.ZERO), "released, the drive can be reserved again");
    }

    @Test
    void aDriveComesWithAScratchCartridgeTakenIntoThePoolAndIsUnloadedOnRelease() throws Exception {
        TapeLibrary library = library(3);
        Catalog catalog = catalog();
        DrivePool pool = new DrivePool(library, catalog, DrivePolicy.defaults(), InventoryListener.NONE);
        Barcode loaded;
        try (DriveLease lease = pool.acquire("daily", null, WAIT)) {
            loaded = lease.drive().loaded().orElseThrow();
            assertEquals("daily", library.cartridge(loaded).pool());
            assertEquals("daily", catalog.cartridges().require(loaded.toString()).pool());
        }
        assertTrue(library.drives().stream().allMatch(d -> d.loaded().isEmpty()), "every drive is empty again");
        try (DriveLease again = pool.acquire("daily", null, WAIT)) {
            assertEquals(loaded, again.drive().loaded().orElseThrow(), "the pool's partly filled cartridge is reused");
        }
        try (DriveLease other = pool.acquire("weekly", null, WAIT)) {
            assertNotEquals(loaded, other.drive().loaded().orElseThrow(), "another pool takes its own scratch");
        }
    }

    @Test
    void sessionsQueueInArrivalOrderWhileEveryDriveIsBusy() throws Exception {
        TapeLibrary library = library(6);
        DrivePool pool = new DrivePool(library, catalog(), DrivePolicy.defaults(), InventoryListener.NONE);
        DriveLease first = pool.acquire("daily", null, WAIT);
        DriveLease second = pool.acquire("weekly", null, WAIT);
        assertNotEquals(first.drive().number(), second.drive().number());
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        List<Future<DriveLease>> queued = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int arrival = i;
            queued.add(sessions.submit(() -> {
                DriveLease lease = pool.acquire("daily", null, WAIT);
                order.add(arrival);
                return lease;
            }));
            SessionFixtures.await("session " + i + " queues", WAIT, () -> pool.waiting() == arrival);
        }
        first.close();
        DriveLease one = queued.get(0).get(10, TimeUnit.SECONDS);
        assertEquals(first.drive().number(), one.drive().number(), "the released drive goes to the first in line");
        assertEquals(2, pool.waiting());
        second.close();
        DriveLease two = queued.get(1).get(10, TimeUnit.SECONDS);
        one.close();
        DriveLease three = queued.get(2).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(1, 2, 3), order);
        two.close();
        three.close();
        assertEquals(0, pool.waiting());
    }

    @Test
    void withoutScratchTheJobShowsAMountRequestUntilACartridgeIsImported() throws Exception {
        TapeLibrary library = library(0);
        Catalog catalog = catalog();
        long job = SessionFixtures.runningJob(catalog);
        DrivePool pool = new DrivePool(library, catalog,
                new DrivePolicy(Duration.ofSeconds(30), Duration.ofSeconds(10), false), InventoryListener.NONE);
        Future<DriveLease> waiting = sessions.submit(() -> pool.acquire("daily", job, WAIT));
        SessionFixtures.await("the job waits with a mount request", WAIT,
                () -> catalog.jobs().require(job).state() == JobState.WAITING);
        Job shown = catalog.jobs().require(job);
        assertTrue(shown.mountRequest().contains("pool daily"), shown.mountRequest());
        assertTrue(shown.mountRequest().contains("lanfree tape import BARCODE"), shown.mountRequest());

        Barcode fresh = Barcode.valueOf("LF0100L8");
        library.insert(fresh);
        library.importCartridge(fresh);
        pool.cartridgesChanged();
        try (DriveLease lease = waiting.get(10, TimeUnit.SECONDS)) {
            assertEquals(fresh, lease.drive().loaded().orElseThrow());
            Job after = catalog.jobs().require(job);
            assertEquals(JobState.RUNNING, after.state());
            assertNull(after.mountRequest());
        }
    }

    @Test
    void withoutScratchUntilTheMountWaitEndsAcquireFailsNamingThePool() throws Exception {
        TapeLibrary library = library(0);
        Catalog catalog = catalog();
        long job = SessionFixtures.runningJob(catalog);
        DrivePool pool = new DrivePool(library, catalog,
                new DrivePolicy(Duration.ofMillis(300), Duration.ofMillis(50), false), InventoryListener.NONE);
        SessionException e = assertThrows(SessionException.class, () -> pool.acquire("daily", job, WAIT));
        assertEquals(SessionException.Failure.NO_CARTRIDGE, e.failure());
        assertTrue(e.getMessage().contains("no writable cartridge for pool daily"), e.getMessage());
        assertTrue(e.getMessage().contains("HINT"), e.getMessage());
        assertTrue(library.drives().stream().allMatch(d -> d.loaded().isEmpty()));
        SessionException again = assertThrows(SessionException.class, () -> pool.acquire("daily", null, Duration.ZERO));
        assertEquals(SessionException.Failure.NO_CARTRIDGE, again.failure(), "the failed session gave its drive back");
    }
}
