package org.lanfree.media.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;
import org.lanfree.media.catalog.Backup;
import org.lanfree.media.catalog.BackupStatus;
import org.lanfree.media.catalog.Cartridge;
import org.lanfree.media.catalog.Job;
import org.lanfree.media.catalog.JobState;
import org.lanfree.media.catalog.Section;
import org.lanfree.media.vtl.Barcode;

/** Backup streams over loopback TCP into a real library, recorded in an embedded catalog. */
class BackupStreamWriterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void aStreamOfAFewMibBecomesOneGoodBackupThatReadsBackWithoutItsFrames() throws Exception {
        byte[] payload = SessionFixtures.random(3 * 1024 * 1024 + 12_345, 1);
        try (SessionBench bench = new SessionBench(tmp, SessionFixtures.library(tmp.resolve("vtl"), 4))) {
            long job = SessionFixtures.runningJob(bench.catalog);
            Future<StoredBackup> session = bench.serve(job);
            Message verdict;
            try (StreamSender sender = new StreamSender(bench.address())) {
                verdict = sender.data(payload).end().verdict();
            }
            StoredBackup stored = session.get(30, TimeUnit.SECONDS);
            String sha = HexFormat.of().formatHex(StreamSender.digest().digest(payload));
            assertEquals(new Message.BackupStored(stored.backupId(), sha), verdict);

            Backup backup = bench.catalog.backups().require(stored.backupId());
            assertEquals(BackupStatus.GOOD, backup.status());
            assertEquals(payload.length, backup.bytes());
            assertEquals(sha, backup.sha256());
            assertTrue(backup.endedAt() != null && backup.jobId() == job);
            List<Section> sections = bench.catalog.backups().sections(stored.backupId());
            assertEquals(1, sections.size());
            assertEquals(payload.length, sections.getFirst().tapeFile().bytes());
            assertEquals(SessionFixtures.BLOCK, sections.getFirst().tapeFile().blockSize());
            assertArrayEquals(payload, bench.readBack(stored.backupId()));

            Job done = bench.catalog.jobs().require(job);
            assertEquals(JobState.DONE, done.state());
            assertEquals(payload.length, done.bytesDone());
            assertTrue(bench.everyDriveEmpty());
        }
    }

    @Test
    void aStreamLargerThanACartridgeSpansScratchCartridgesAndEverySectionIsRecorded() throws Exception {
        byte[] payload = SessionFixtures.random(3 * 1024 * 1024, 2);
        try (SessionBench bench = new SessionBench(tmp,
                SessionFixtures.library(tmp.resolve("vtl"), 8, 1L << 20, 768L << 10))) {
            Future<StoredBackup> session = bench.serve(null);
            try (StreamSender sender = new StreamSender(bench.address())) {
                assertInstanceOf(Message.BackupStored.class, sender.data(payload).end().verdict());
            }
            StoredBackup stored = session.get(30, TimeUnit.SECONDS);
            List<Section> sections = bench.catalog.backups().sections(stored.backupId());
            assertTrue(sections.size() >= 4, "3 MiB on cartridges of 768 KiB until early warning: " + sections.size());
            assertEquals(stored.sections().size(), sections.size());
            Set<String> barcodes = new HashSet<>();
            long total = 0;
            for (int i = 0; i < sections.size(); i++) {
                assertEquals(i + 1, sections.get(i).sectionNo());
                assertTrue(barcodes.add(sections.get(i).tapeFile().barcode()), "one section per cartridge");
                total += sections.get(i).tapeFile().bytes();
            }
            assertEquals(payload.length, total);
            assertArrayEquals(payload, bench.readBack(stored.backupId()));
            for (Section s : sections.subList(0, sections.size() - 1)) {
                assertEquals(Cartridge.State.FULL, bench.catalog.cartridges().require(s.tapeFile().barcode()).state());
                assertEquals(SessionBench.POOL, bench.library.cartridge(Barcode.valueOf(s.tapeFile().barcode())).pool());
            }
        }
    }

    @Test
    void twoSessionsWriteOnTwoDrivesAtOnceAndAThirdQueuesUntilOneFinishes() throws Exception {
        byte[][] payloads = {SessionFixtures.random(600_000, 31), SessionFixtures.random(700_000, 32),
                SessionFixtures.random(500_000, 33)};
        try (SessionBench bench = new SessionBench(tmp, SessionFixtures.library(tmp.resolve("vtl"), 4))) {
            StreamSender[] senders = new StreamSender[3];
            List<Future<StoredBackup>> sessions = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sessions.add(bench.serve(null));
                senders[i] = new StreamSender(bench.address()).data(payloads[i], 0, 200_000);
            }
            SessionFixtures.await("both drives are writing", WAIT,
                    () -> bench.library.drives().stream().allMatch(d -> d.loaded().isPresent()));
            sessions.add(bench.serve(null));
            senders[2] = new StreamSender(bench.address()).data(payloads[2]).end();
            SessionFixtures.await("the third session queues", WAIT, () -> bench.drives.waiting() == 1);
            assertFalse(sessions.get(2).isDone());

            senders[0].data(payloads[0], 200_000, payloads[0].length).end().verdict();
            StoredBackup first = sessions.get(0).get(30, TimeUnit.SECONDS);
            StoredBackup third = sessions.get(2).get(30, TimeUnit.SECONDS);
            assertInstanceOf(Message.BackupStored.class, senders[2].verdict());
            assertFalse(sessions.get(1).isDone(), "the second session still holds its drive");
            senders[1].data(payloads[1], 200_000, payloads[1].length).end().verdict();
            StoredBackup second = sessions.get(1).get(30, TimeUnit.SECONDS);
            for (StreamSender s : senders) {
                s.close();
            }

            var a = first.sections().getFirst();
            var b = second.sections().getFirst();
            var c = third.sections().getFirst();
            assertNotEquals(a.barcode(), b.barcode(), "the two sessions at once wrote on two cartridges");
            assertEquals(a.barcode(), c.barcode(), "the third appended to the first one's cartridge after it");
            assertEquals(a.fileNumber() + 1, c.fileNumber());
            assertArrayEquals(payloads[0], bench.readBack(first.backupId()));
            assertArrayEquals(payloads[1], bench.readBack(second.backupId()));
            assertArrayEquals(payloads[2], bench.readBack(third.backupId()));
            assertEquals(0, bench.drives.waiting());
        }
    }

    @Test
    void withoutScratchTheJobShowsAMountRequestAndCompletesOnceACartridgeIsImported() throws Exception {
        byte[] payload = SessionFixtures.random(100_000, 4);
        try (SessionBench bench = new SessionBench(tmp, SessionFixtures.library(tmp.resolve("vtl"), 0))) {
            long job = SessionFixtures.runningJob(bench.catalog);
            Future<StoredBackup> session = bench.serve(job);
            try (StreamSender sender = new StreamSender(bench.address())) {
                sender.data(payload).end();
                SessionFixtures.await("the job waits for a cartridge", WAIT, () -> waitingJobs(bench).contains(job));
                String request = bench.catalog.jobs().require(job).mountRequest();
                assertTrue(request.contains("pool daily") && request.contains("import/export slot"), request);

                Barcode fresh = Barcode.valueOf("LF0100L8");
                bench.library.insert(fresh);
                bench.library.importCartridge(fresh);
                bench.drives.cartridgesChanged();
                assertInstanceOf(Message.BackupStored.class, sender.verdict());
            }
            StoredBackup stored = session.get(30, TimeUnit.SECONDS);
            assertEquals(BackupStatus.GOOD, bench.catalog.backups().require(stored.backupId()).status());
            Job done = bench.catalog.jobs().require(job);
            assertEquals(JobState.DONE, done.state());
            assertNull(done.mountRequest());
        }
    }

    @Test
    void withoutACartridgeUntilTheMountWaitEndsTheJobAndBackupFailCleanly() throws Exception {
        try (SessionBench bench = new SessionBench(tmp, SessionFixtures.library(tmp.resolve("vtl"), 0),
                new DrivePolicy(Duration.ofMillis(500), Duration.ofMillis(100), false), SessionLimits.defaults())) {
            long job = SessionFixtures.runningJob(bench.catalog);
            Future<StoredBackup> session = bench.serve(job);
            WireException refused;
            try (StreamSender sender = new StreamSender(bench.address())) {
                sender.data(SessionFixtures.random(100_000, 5)).end();
                refused = assertThrowsWire(sender);
            }
            assertEquals(ErrorCode.REFUSED, refused.peerCode().orElseThrow());
            SessionException failure = assertInstanceOf(SessionException.class, SessionBench.outcome(session));
            assertEquals(SessionException.Failure.NO_CARTRIDGE, failure.failure());
            Job failed = bench.catalog.jobs().require(job);
            assertEquals(JobState.FAILED, failed.state());
            assertTrue(failed.error().contains("no writable cartridge for pool daily"), failed.error());
            assertNull(failed.mountRequest());
            Backup backup = bench.catalog.backups().require(failed.backupId());
            assertEquals(BackupStatus.FAILED, backup.status());
            assertTrue(bench.goodBackups().isEmpty());
        }
    }

    private static List<Long> waitingJobs(SessionBench bench) {
        return bench.catalog.jobs().list(Set.of(JobState.WAITING)).stream().map(Job::id).toList();
    }

    static WireException assertThrowsWire(StreamSender sender) {
        CompletableFuture<WireException> seen = new CompletableFuture<>();
        try {
            Message m = sender.verdict();
            throw new AssertionError("expected an ERROR frame, got " + m);
        } catch (WireException e) {
            seen.complete(e);
        } catch (java.io.IOException e) {
            throw new AssertionError("expected an ERROR frame, the connection failed: " + e, e);
        }
        return seen.join();
    }
}
