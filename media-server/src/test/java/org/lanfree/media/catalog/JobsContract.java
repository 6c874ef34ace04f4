package org.lanfree.media.catalog;

import static java.time.temporal.ChronoUnit.MICROS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The job queue: claiming with row locks, progress, mount requests, ends, and recovery after a crash. */
abstract class JobsContract extends CatalogContract {

    @Test
    void aQueuedBackupJobCarriesItsDatasetsClient() {
        Dataset d = dataset("db1", BackupKind.PG, "main");
        Job job = catalog.jobs().create(JobSpec.backup(d.id(), BackupLevel.FULL).requestedBy("operator"));
        assertEquals(JobState.QUEUED, job.state());
        assertEquals(d.clientId(), job.clientId());
        assertEquals("operator", job.requestedBy());
        assertEquals(job, catalog.jobs().require(job.id()));
    }

    @Test
    void claimTakesTheHighestPriorityThenTheOldest() {
        Job low = catalog.jobs().create(JobSpec.of(JobKind.CROSSCHECK, "{}"));
        Job high1 = catalog.jobs().create(JobSpec.of(JobKind.CROSSCHECK, null).withPriority(5));
        Job high2 = catalog.jobs().create(JobSpec.of(JobKind.CROSSCHECK, null).withPriority(5));
        assertEquals(high1.id(), catalog.jobs().claimNext("ms1").orElseThrow().id());
        assertEquals(high2.id(), catalog.jobs().claimNext("ms1").orElseThrow().id());
        Job claimed = catalog.jobs().claimNext("ms2").orElseThrow();
        assertEquals(low.id(), claimed.id());
        assertEquals(JobState.RUNNING, claimed.state());
        assertEquals("ms2", claimed.claimedBy());
        assertEquals(Optional.empty(), catalog.jobs().claimNext("ms1"));
    }

    @Test
    void claimOnlyTakesTheKindsAsked() {
        catalog.jobs().create(JobSpec.of(JobKind.RESTORE, null));
        Job expire = catalog.jobs().create(JobSpec.of(JobKind.EXPIRE, null));
        assertEquals(expire.id(), catalog.jobs().claimNext("ms1", EnumSet.of(JobKind.EXPIRE)).orElseThrow().id());
    }

    @Test
    void claimSkipsAJobAnotherServerHoldsLocked() {
        Job first = catalog.jobs().create(JobSpec.of(JobKind.CROSSCHECK, null));
        Job second = catalog.jobs().create(JobSpec.of(JobKind.CROSSCHECK, null));
        try (Catalog other = source().again(clock)) {
            other.jdbi().useTransaction(h -> {
                h.createQuery("SELECT id FROM jobs WHERE id = :id FOR UPDATE").bind("id", first.id()).mapTo(Long.class).one();
                assertEquals(second.id(), catalog.jobs().claimNext("ms1").orElseThrow().id(),
                        "the job locked by the other transaction is skipped, not waited for");
            });
        }
        assertEquals(first.id(), catalog.jobs().claimNext("ms1").orElseThrow().id());
    }

    @Test
    void twoServersClaimingAtOnceNeverGetTheSameJob() throws Exception {
        int jobs = 120;
        for (int i = 0; i < jobs; i++) {
            catalog.jobs().create(JobSpec.of(JobKind.CROSSCHECK, null));
        }
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Catalog other = source().again(clock)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Catalog server = w % 2 == 0 ? catalog : other;
                String name = "ms" + w;
                workers.add(pool.submit(() -> {
                    go.await();
                    for (Optional<Job> j = server.jobs().claimNext(name); j.isPresent(); j = server.jobs().claimNext(name)) {
                        claimed.add(j.get().id());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : workers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(jobs, claimed.size(), "claims");
        assertEquals(jobs, new HashSet<>(claimed).size(), "distinct jobs claimed");
    }

    @Test
    void aJobWaitingForACartridgeShowsItsMountRequestUntilSatisfied() {
        Job job = catalog.jobs().create(JobSpec.of(JobKind.MIGRATE, null));
        catalog.jobs().claimNext("ms1");
        catalog.jobs().progress(job.id(), 1000, 5000L, 3);
        catalog.jobs().requestMount(job.id(), "a scratch cartridge for pool daily");

        Job waiting = catalog.jobs().require(job.id());
        assertEquals(JobState.WAITING, waiting.state());
        assertEquals("a scratch cartridge for pool daily", waiting.mountRequest());
        assertEquals(clock.instant().truncatedTo(MICROS), waiting.mountRequestedAt());
        String shown = catalog.jdbi().withHandle(h -> h.createQuery("SELECT mount_request || ' ' || state || ' '"
                        + " || CAST(pct_done AS VARCHAR(4)) FROM v_jobs WHERE job_id = :id")
                .bind("id", job.id()).mapTo(String.class).one());
        assertEquals("a scratch cartridge for pool daily waiting 20", shown);

        catalog.jobs().mountSatisfied(job.id());
        Job running = catalog.jobs().require(job.id());
        assertEquals(JobState.RUNNING, running.state());
        assertNull(running.mountRequest());
        assertEquals(1000, running.bytesDone());
        assertEquals(5000L, running.bytesTotal());
        assertEquals(3, running.filesDone());

        Job done = catalog.jobs().finish(job.id(), JobState.DONE, null);
        assertEquals(JobState.DONE, done.state());
        assertEquals(clock.instant().truncatedTo(MICROS), done.endedAt());
        assertEquals(List.of(done), catalog.jobs().list(EnumSet.of(JobState.DONE)));
        assertEquals(List.of(), catalog.jobs().list(EnumSet.of(JobState.RUNNING, JobState.QUEUED)));
    }

    @Test
    void changingAFinishedJobIsRefusedNamingItsState() {
        Job job = catalog.jobs().create(JobSpec.of(JobKind.EXPIRE, null));
        catalog.jobs().finish(job.id(), JobState.CANCELLED, "operator cancelled");
        CatalogException e = assertThrows(CatalogException.class, () -> catalog.jobs().finish(job.id(), JobState.DONE, null));
        assertTrue(e.getMessage().contains("is cancelled"), e.getMessage());
        assertThrows(CatalogException.class, () -> catalog.jobs().progress(job.id(), 1, null, 0));
        assertThrows(CatalogException.class, () -> catalog.jobs().finish(job.id(), JobState.RUNNING, null));
        assertEquals("operator cancelled", catalog.jobs().require(job.id()).error());
    }

    @Test
    void abandoningAServersJobsFailsThemAndTheBackupsTheyWrote() {
        Dataset d = dataset("fs1", BackupKind.FS, "/srv");
        Job mine = catalog.jobs().create(JobSpec.backup(d.id(), BackupLevel.FULL));
        Job theirs = catalog.jobs().create(JobSpec.backup(d.id(), BackupLevel.FULL));
        catalog.jobs().claimNext("ms1");
        catalog.jobs().claimNext("ms2");
        Backup b = catalog.backups().start(BackupStart.full(d.id()).withJob(mine.id()));
        assertEquals(b.id(), catalog.jobs().require(mine.id()).backupId());

        assertEquals(List.of(mine.id()), catalog.jobs().abandon("ms1", "media server restarted"));

        assertEquals(JobState.FAILED, catalog.jobs().require(mine.id()).state());
        assertEquals("media server restarted", catalog.jobs().require(mine.id()).error());
        assertEquals(BackupStatus.FAILED, catalog.backups().require(b.id()).status());
        assertEquals(JobState.RUNNING, catalog.jobs().require(theirs.id()).state());
        Set<BackupStatus> good = EnumSet.of(BackupStatus.GOOD, BackupStatus.WARNINGS);
        assertTrue(catalog.backups().list(BackupFilter.all()).stream().noneMatch(x -> good.contains(x.status())));
    }
}
