package org.lanfree.media.session;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.lanfree.media.catalog.BackupKind;
import org.lanfree.media.catalog.BackupLevel;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.Job;
import org.lanfree.media.catalog.JobSpec;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.LibraryConfig;
import org.lanfree.media.vtl.Pools;

/** A real library and catalog in a test folder, claimed backup jobs, payload bytes, and waiting on conditions. */
final class SessionFixtures {

    static final int BLOCK = 16 * 1024;
    static final Barcode FIRST = Barcode.valueOf("LF0001L8");
    static final String CLIENT = "db1";
    static final String DATASET = "main";
    static final String SERVER = "ms1";

    private SessionFixtures() {
    }

    /** Two drives, eight slots, one import/export slot; {@code cartridges} scratch cartridges of 64 MiB. */
    static LibraryConfig library(Path folder, int cartridges) {
        return library(folder, cartridges, 64L << 20, 60L << 20);
    }

    static LibraryConfig library(Path folder, int cartridges, long capacity, long earlyWarning) {
        return new LibraryConfig(folder, 2, 8, 1, BLOCK, cartridges, FIRST, Pools.SCRATCH, capacity, earlyWarning);
    }

    /** Registers the test client and its dataset; returns the dataset id. */
    static long dataset(Catalog catalog) {
        catalog.clients().register(CLIENT, "db1.example", null);
        return catalog.datasets().ensure(CLIENT, BackupKind.PG, DATASET, null).id();
    }

    /** A backup job of the test dataset, claimed by this media server (state running). */
    static long runningJob(Catalog catalog) {
        long dataset = catalog.datasets().list(CLIENT).isEmpty() ? dataset(catalog)
                : catalog.datasets().list(CLIENT).getFirst().id();
        long id = catalog.jobs().create(JobSpec.backup(dataset, BackupLevel.FULL)).id();
        Job claimed = catalog.jobs().claimNext(SERVER).orElseThrow();
        if (claimed.id() != id) {
            throw new IllegalStateException("claimed job " + claimed.id() + ", expected " + id);
        }
        return id;
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }
}
