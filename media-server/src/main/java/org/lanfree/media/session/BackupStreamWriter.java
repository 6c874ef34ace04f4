package org.lanfree.media.session;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.lanfree.connect.Conn;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.media.catalog.Backup;
import org.lanfree.media.catalog.BackupEnd;
import org.lanfree.media.catalog.BackupStart;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.CatalogException;
import org.lanfree.media.catalog.Dataset;
import org.lanfree.media.catalog.JobState;
import org.lanfree.media.catalog.Pool;
import org.lanfree.media.catalog.TapeFile;
import org.lanfree.media.vtl.BackupInfo;
import org.lanfree.media.vtl.Section;
import org.lanfree.media.vtl.TapeFileWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's write path: receives one backup stream from a {@link Conn} and stores it on tape.
 *
 * <pre>
 * sender                          media server
 *   DATA* END(sha256)   ───────▶  backup running; drive from the pool; payload → tape file
 *                       ◀───────  MESSAGE BackupStored(id, sha256)   tape file finished, sections and
 *                                                                    backup good, job done
 *                       ◀───────  ERROR(code, text)                  tape file abandoned, backup and
 *                                                                    job failed with the reason
 * </pre>
 *
 * A backup is listed good only after its tape file is finished (filemark written) and every section
 * is in the catalog; on any failure the drive goes back to the pool. The caller owns the connection
 * and closes it afterwards.
 */
public final class BackupStreamWriter {

    private static final Logger log = LoggerFactory.getLogger(BackupStreamWriter.class);
    private static final int MAX_ERROR_TEXT = 4000;

    private final Catalog catalog;
    private final DrivePool drives;
    private final SessionLimits limits;
    private final Clock clock;

    public BackupStreamWriter(Catalog catalog, DrivePool drives, SessionLimits limits, Clock clock) {
        this.catalog = catalog;
        this.drives = drives;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Receives session {@code session}'s stream on {@code conn} and stores it as a backup described
     * by {@code facts}; the sender gets the verdict before this returns or throws.
     */
    public StoredBackup receive(int session, Conn conn, BackupFacts facts) throws SessionException {
        return receive(session, conn, facts, BackupCompletion.NONE);
    }

    /** As {@link #receive(int, Conn, BackupFacts)}, with what the session adds to the backup. */
    public StoredBackup receive(int session, Conn conn, BackupFacts facts, BackupCompletion completion)
            throws SessionException {
        String name = "session " + session;
        FrameWriter replies = new FrameWriter(conn);
        Backup backup;
        try {
            backup = catalog.backups().start(start(facts));
        } catch (CatalogException e) {
            SessionException failure = new SessionException(SessionException.Failure.CATALOG, name + ": the catalog"
                    + " refused the backup of " + facts.client() + ":" + facts.dataset() + ": " + e.getMessage(), e);
            failJob(name, facts.jobId(), failure);
            tell(name, replies, failure);
            throw failure;
        }
        log.info("{}: backup {} of {}:{} ({} {}) into pool {} started", name, backup.id(), facts.client(),
                facts.dataset(), facts.kind().code(), facts.level().code(), facts.pool());
        try {
            completion.started(backup.id());
            StoredBackup stored = store(name, conn, facts, backup, completion);
            verdict(name, replies, stored);
            return stored;
        } catch (SessionException e) {
            failBackup(name, backup.id(), e);
            failJob(name, facts.jobId(), e);
            tell(name, replies, e);
            throw e;
        }
    }

    private StoredBackup store(String name, Conn conn, BackupFacts facts, Backup backup, BackupCompletion completion)
            throws SessionException {
        try (DriveLease lease = drives.acquire(facts.pool(), facts.jobId(), limits.driveWait())) {
            TapeFileWriter tape = startTape(name, lease, facts, backup);
            try (tape) {
                FrameReader reader = new FrameReader(conn, limits.maxFrameLength());
                setTimeout(name, reader);
                JobProgress progress = JobProgress.of(catalog, facts.jobId(), limits.progressInterval(), clock);
                PayloadReceiver.Received received = new PayloadReceiver(name, reader, tape, progress).receive();
                List<Section> sections = finishTape(name, tape, backup.id());
                record(name, backup.id(), sections, lease, received, completion);
                log.info("{}: backup {} good: {} bytes in {} sections on {}, sha256 {}", name, backup.id(),
                        received.bytes(), sections.size(), sections.stream().map(s -> s.barcode().toString())
                                .distinct().toList(), received.sha256());
                return new StoredBackup(backup.id(), received.sha256(), received.bytes(), sections);
            }
        }
    }

    private TapeFileWriter startTape(String name, DriveLease lease, BackupFacts facts, Backup backup)
            throws SessionException {
        BackupInfo info = new BackupInfo(Long.toString(backup.id()), facts.client(), facts.kind().code(),
                facts.level().code(), backup.startedAt(), facts.compression().code());
        try {
            return TapeFileWriter.start(lease.drive(), info, lease.nextCartridge());
        } catch (DrivePool.CartridgeWaitException e) {
            throw e.failure();
        } catch (IOException e) {
            throw new SessionException(SessionException.Failure.TAPE, name + ": cannot start backup " + backup.id()
                    + " on " + lease + ": " + e.getMessage(), e);
        }
    }

    private void setTimeout(String name, FrameReader reader) throws SessionException {
        try {
            reader.setTimeout(limits.readTimeout());
        } catch (IOException e) {
            throw new SessionException(SessionException.Failure.STREAM, name + ": cannot set the read timeout on the"
                    + " stream from " + reader.peer() + ": " + e.getMessage(), e);
        }
    }

    private static List<Section> finishTape(String name, TapeFileWriter tape, long backupId) throws SessionException {
        try {
            return tape.finish();
        } catch (DrivePool.CartridgeWaitException e) {
            throw e.failure();
        } catch (IOException e) {
            throw new SessionException(SessionException.Failure.TAPE, name + ": cannot finish the tape file of"
                    + " backup " + backupId + ": " + e.getMessage(), e);
        }
    }

    private void record(String name, long backupId, List<Section> sections, DriveLease lease,
            PayloadReceiver.Received received, BackupCompletion completion) throws SessionException {
        int blockSize = lease.drive().blockSize();
        BackupEnd good = BackupEnd.good(received.bytes(), received.bytes(), 0, received.sha256());
        Message.WalPosition position = received.position();
        if (position != null) {
            good = good.withEndLsn(position.endLsn());
        }
        BackupEnd end = completion.end(backupId, good);
        try {
            if (position != null) {
                catalog.backups().recordStart(backupId, position.startLsn(), position.timeline());
            }
            for (Section s : sections) {
                catalog.backups().addSection(backupId, new TapeFile(s.barcode().toString(), s.fileNumber(),
                        s.firstBlock(), s.lastBlock(), blockSize, s.payloadBytes()), null);
            }
            catalog.backups().finish(backupId, end);
            if (lease.job() != null) {
                catalog.jobs().progress(lease.job(), received.bytes(), received.bytes(), 0);
                catalog.jobs().finish(lease.job(), JobState.DONE, null);
            }
        } catch (CatalogException e) {
            throw new SessionException(SessionException.Failure.CATALOG, name + ": backup " + backupId + " is on tape"
                    + " but the catalog refused to record it: " + e.getMessage() + "; HINT: the tape file stays"
                    + " unlisted; check the catalog and run the backup again", e);
        }
    }

    private BackupStart start(BackupFacts facts) {
        catalog.cartridges().ensurePool(facts.pool(), Pool.Kind.TAPE, "tape pool " + facts.pool());
        Dataset dataset = catalog.datasets().findOrAdd(facts.client(), facts.kind(), facts.dataset());
        return new BackupStart(dataset.id(), facts.level(), facts.parentId(), facts.jobId(), facts.pool(),
                facts.compression(), null, null, null, null);
    }

    private void failBackup(String name, long backupId, SessionException e) {
        try {
            catalog.backups().finish(backupId, BackupEnd.failed(e.getMessage()));
        } catch (CatalogException c) {
            log.warn("{}: backup {} failed ({}) but the catalog could not record it: {}; it stays running until"
                    + " the media server restarts and abandons it", name, backupId, e.failure(), c.getMessage());
        }
    }

    private void failJob(String name, Long job, SessionException e) {
        if (job == null) {
            return;
        }
        try {
            catalog.jobs().finish(job, JobState.FAILED, e.getMessage());
        } catch (CatalogException c) {
            log.warn("{}: job {} failed ({}) but the catalog could not record it: {}", name, job, e.failure(),
                    c.getMessage());
        }
    }

    private static void verdict(String name, FrameWriter replies, StoredBackup stored) {
        try {
            replies.writeMessage(new Message.BackupStored(stored.backupId(), stored.sha256()));
        } catch (IOException e) {
            log.warn("{}: backup {} is stored and good, but the sender did not get the verdict: {}", name,
                    stored.backupId(), e.getMessage());
        }
    }

    private static void tell(String name, FrameWriter replies, SessionException e) {
        String text = e.getMessage().length() <= MAX_ERROR_TEXT ? e.getMessage()
                : e.getMessage().substring(0, MAX_ERROR_TEXT - 3) + "...";
        try {
            replies.writeError(e.wireCode(), text);
        } catch (IOException sent) {
            log.debug("{}: the sender did not get the ERROR frame ({}): {}", name, e.wireCode(), sent.getMessage());
        }
    }
}
