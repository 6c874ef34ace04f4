package org.lanfree.media.server;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.CatalogException;
import org.lanfree.media.catalog.Job;
import org.lanfree.media.catalog.JobKind;
import org.lanfree.media.catalog.JobSpec;
import org.lanfree.media.catalog.JobState;
import org.lanfree.media.catalog.TapeFile;
import org.lanfree.media.staging.DiskStagingPool;
import org.lanfree.media.staging.MigrationResult;
import org.lanfree.media.staging.Segment;
import org.lanfree.media.staging.TapeTarget;
import org.lanfree.media.vtl.Section;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates the staging pool to tape in batches: every {@code check} it asks the pool whether a
 * migration is due, and runs one as a {@code migrate} job; the catalog then lists the tape file
 * and moves each migrated segment's WAL range to it.
 */
final class StagingMigrator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StagingMigrator.class);

    private final Catalog catalog;
    private final DiskStagingPool pool;
    private final TapeTarget tape;
    private final String server;
    private final int blockSize;
    private final PeriodicTask task;

    StagingMigrator(Catalog catalog, DiskStagingPool pool, TapeTarget tape, String server, int blockSize,
            Duration check) {
        this.catalog = catalog;
        this.pool = pool;
        this.tape = tape;
        this.server = server;
        this.blockSize = blockSize;
        this.task = new PeriodicTask("staging-migrator", check, this::migrateIfDue);
    }

    StagingMigrator start() {
        task.start();
        return this;
    }

    private void migrateIfDue() {
        if (pool.migrationDue()) {
            migrateOnce();
        }
    }

    /** Runs one migration now; returns what it did (empty when nothing was waiting or it failed). */
    MigrationResult migrateOnce() {
        Job job = catalog.jobs().startClaimed(JobSpec.of(JobKind.MIGRATE, "{\"pool\":\"" + pool.policy().name() + "\"}")
                .requestedBy("staging migrator"), server);
        try {
            MigrationResult result = pool.migrate(tape);
            record(result);
            catalog.jobs().progress(job.id(), result.archiveBytes(), result.archiveBytes(), result.migrated().size());
            catalog.jobs().finish(job.id(), JobState.DONE, null);
            if (!result.isEmpty()) {
                log.info("staging: migrated {} segments ({} bytes) to {}", result.migrated().size(), result.archiveBytes(),
                        result.sections().stream().map(s -> s.barcode() + " file " + s.fileNumber()).toList());
            }
            return result;
        } catch (IOException | RuntimeException e) {
            log.warn("staging: migration failed, the segments stay on disk and the next check tries again: {}",
                    e.getMessage());
            catalog.jobs().finish(job.id(), JobState.FAILED, String.valueOf(e.getMessage()));
            return null;
        }
    }

    private void record(MigrationResult result) {
        for (Section s : result.sections()) {
            catalog.wal().recordTapeFile(tapeFile(s));
        }
        for (Segment segment : result.migrated()) {
            long offset = pool.segment(segment.stream(), segment.name()).flatMap(Segment::tape).map(c -> c.offset())
                    .orElse(0L);
            Section at = sectionHolding(result.sections(), offset);
            try {
                catalog.wal().findStaged(segment.member())
                        .ifPresent(range -> catalog.wal().migrated(range.id(), tapeFile(at)));
            } catch (CatalogException e) {
                log.warn("staging: {} is on tape, but the catalog did not take it: {}", segment, e.getMessage());
            }
        }
    }

    /** The section whose payload holds archive offset {@code offset}. */
    private static Section sectionHolding(List<Section> sections, long offset) {
        long start = 0;
        for (Section s : sections) {
            if (offset < start + s.payloadBytes()) {
                return s;
            }
            start += s.payloadBytes();
        }
        return sections.get(sections.size() - 1);
    }

    private TapeFile tapeFile(Section s) {
        return new TapeFile(s.barcode().toString(), s.fileNumber(), s.firstBlock(), s.lastBlock(), blockSize,
                s.payloadBytes());
    }

    @Override
    public void close() {
        task.close();
    }
}
