package org.lanfree.media.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;
import org.lanfree.media.catalog.Backup;
import org.lanfree.media.catalog.BackupStatus;
import org.lanfree.media.catalog.JobState;
import org.lanfree.testkit.ChildJvm;

/**
 * Senders that vanish, lie or corrupt: the backup is failed and never listed good, the drive goes
 * back to the pool, and the cartridge takes the next backup after its last complete tape file.
 */
class BackupFaultsTest {

    @TempDir
    Path tmp;

    private SessionBench bench() throws Exception {
        return new SessionBench(tmp, SessionFixtures.library(tmp.resolve("vtl"), 4));
    }

    private static StoredBackup good(SessionBench bench, byte[] payload) throws Exception {
        Future<StoredBackup> session = bench.serve(null);
        try (StreamSender sender = new StreamSender(bench.address())) {
            assertInstanceOf(Message.BackupStored.class, sender.data(payload).end().verdict());
        }
        return session.get(30, TimeUnit.SECONDS);
    }

    /** The failed session's backup is failed with {@code reason} in its note; only {@code before} is good. */
    private static Backup assertFailedCleanly(SessionBench bench, Future<StoredBackup> session, StoredBackup before,
            String reason) throws Exception {
        SessionException e = assertInstanceOf(SessionException.class, SessionBench.outcome(session));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        Backup failed = bench.catalog.backups().list(org.lanfree.media.catalog.BackupFilter.all()
                .status(BackupStatus.FAILED)).getFirst();
        assertTrue(failed.note().contains(reason), failed.note());
        assertEquals(List.of(before.backupId()), bench.goodBackups());
        assertTrue(bench.catalog.backups().sections(failed.id()).isEmpty());
        assertTrue(bench.everyDriveEmpty(), "the drive went back to the pool");
        return failed;
    }

    /** The cartridge reads back up to its last complete tape file, and the next backup appends right after it. */
    private static void assertNextBackupAppends(SessionBench bench, StoredBackup before, byte[] beforePayload)
            throws Exception {
        assertArrayEquals(beforePayload, bench.readBack(before.backupId()));
        byte[] next = SessionFixtures.random(300_000, 99);
        StoredBackup after = good(bench, next);
        assertEquals(before.sections().getFirst().barcode(), after.sections().getFirst().barcode());
        assertEquals(before.sections().getFirst().fileNumber() + 1, after.sections().getFirst().fileNumber());
        assertArrayEquals(next, bench.readBack(after.backupId()));
        assertArrayEquals(beforePayload, bench.readBack(before.backupId()));
    }

    @Test
    void aSenderThatClosesMidStreamLeavesAFailedBackupAndTheNextOneAppendsAfterTheLastGood() throws Exception {
        byte[] first = SessionFixtures.random(400_000, 10);
        try (SessionBench bench = bench()) {
            StoredBackup before = good(bench, first);
            long job = SessionFixtures.runningJob(bench.catalog);
            Future<StoredBackup> session = bench.serve(job);
            try (StreamSender sender = new StreamSender(bench.address())) {
                sender.data(SessionFixtures.random(1_000_000, 11));
            }
            assertFailedCleanly(bench, session, before, "PEER_CLOSED");
            assertEquals(JobState.FAILED, bench.catalog.jobs().require(job).state());
            assertNextBackupAppends(bench, before, first);
        }
    }

    @Test
    void aSenderKilledMidStreamLeavesAFailedBackupAndTheNextOneAppendsAfterTheLastGood() throws Exception {
        byte[] first = SessionFixtures.random(400_000, 12);
        try (SessionBench bench = bench()) {
            StoredBackup before = good(bench, first);
            Future<StoredBackup> session = bench.serve(null);
            try (ChildJvm child = ChildJvm.main(StreamingChild.class.getName())
                    .args(Integer.toString(bench.address().port())).log(tmp.resolve("child.log")).start()) {
                child.awaitLine(Pattern.compile("^sent 4$"), Duration.ofSeconds(30));
                child.kill();
            }
            assertFailedCleanly(bench, session, before, "the stream from");
            assertNextBackupAppends(bench, before, first);
        }
    }

    @Test
    void aWrongEndDigestFailsTheBackupAndTellsTheSender() throws Exception {
        byte[] first = SessionFixtures.random(200_000, 13);
        try (SessionBench bench = bench()) {
            StoredBackup before = good(bench, first);
            Future<StoredBackup> session = bench.serve(null);
            WireException told;
            try (StreamSender sender = new StreamSender(bench.address())) {
                sender.data(SessionFixtures.random(700_000, 14)).wrongEnd();
                told = BackupStreamWriterTest.assertThrowsWire(sender);
            }
            assertEquals(ErrorCode.REFUSED, told.peerCode().orElseThrow());
            assertTrue(told.getMessage().contains("SHA-256 mismatch"), told.getMessage());
            assertFailedCleanly(bench, session, before, "SHA-256 mismatch");
            assertNextBackupAppends(bench, before, first);
        }
    }

    @Test
    void aCorruptedFrameFailsTheBackupNamingTheCrc() throws Exception {
        byte[] first = SessionFixtures.random(200_000, 15);
        try (SessionBench bench = bench()) {
            StoredBackup before = good(bench, first);
            Future<StoredBackup> session = bench.serve(null);
            WireException told;
            try (StreamSender sender = new StreamSender(bench.address())) {
                sender.data(SessionFixtures.random(300_000, 16)).corruptFrame(SessionFixtures.random(40_000, 17));
                told = BackupStreamWriterTest.assertThrowsWire(sender);
            }
            assertEquals(ErrorCode.BAD_CRC, told.peerCode().orElseThrow());
            assertFailedCleanly(bench, session, before, "CRC32C");
            assertNextBackupAppends(bench, before, first);
        }
    }
}
