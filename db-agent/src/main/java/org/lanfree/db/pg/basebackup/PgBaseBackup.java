package org.lanfree.db.pg.basebackup;

import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import org.lanfree.db.pg.wal.Lsn;
import org.lanfree.db.pg.wal.WalSegments;
import org.lanfree.db.pg.wire.ConnectionConfig;
import org.lanfree.db.pg.wire.QueryResult;
import org.lanfree.db.pg.wire.ReplicationConnection;
import org.lanfree.db.tar.TarWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a self-contained physical backup of a PostgreSQL 15+ cluster and writes it as one
 * tar stream: the data directory's files, {@code backup_manifest}, and the WAL from the
 * backup's start to its end LSN under {@code pg_wal/}. Unpacked into an empty directory, it
 * starts without any archive (crash recovery replays the included WAL).
 *
 * <p>Two walsender sessions: the WAL session ({@link BackupWal}) reserves the WAL with a
 * temporary slot before BASE_BACKUP and streams it beside the data, whole segments going into
 * the tar between the data's members; the backup session runs BASE_BACKUP. Memory stays fixed
 * (a segment or two) and nothing is spooled to disk.
 */
public final class PgBaseBackup {

    private static final Logger LOG = LoggerFactory.getLogger(PgBaseBackup.class);
    private static final int FIRST_SUPPORTED_MAJOR = 15;

    private final ConnectionConfig config;

    public PgBaseBackup(ConnectionConfig config) {
        this.config = config;
    }

    /** Runs the backup, writing the tar to {@code out} (left open); fails on any server or stream error. */
    public BaseBackupResult run(BaseBackupOptions options, OutputStream out, BackupProgress progress) {
        TarWriter tar = new TarWriter(out);
        ProgressTracker tracker = new ProgressTracker(progress);
        long now = Instant.now().getEpochSecond();
        try (ReplicationConnection session = ReplicationConnection.open(walSessionConfig())) {
            checkVersion(session);
            QueryResult system = session.queryOne("IDENTIFY_SYSTEM");
            WalSegments segments = WalSegments.ofSetting(session.queryOne("SHOW wal_segment_size").rows().get(0).get(0));
            BackupWal wal = new BackupWal(session, segments, new TarWalSink(tar, now, tracker));
            wal.reserve();
            try {
                BaseBackupReply reply = new BaseBackupReply(tar, new BaseBackupReply.Listener() {
                    @Override
                    public void onStarted(Lsn start, int timeline, long estimatedBytes) {
                        tracker.dataExpected(estimatedBytes);
                        wal.onStarted(start, timeline);
                    }

                    @Override
                    public void onProgress(long bytesDone) {
                        tracker.dataDone(bytesDone);
                    }

                    @Override
                    public void betweenMembers() {
                        wal.betweenMembers();
                    }
                });
                try (ReplicationConnection backup = ReplicationConnection.open(backupSessionConfig(options))) {
                    backup.send(options.command());
                    while (!reply.on(backup.next())) {
                        // each message moves the reply's state machine
                    }
                }
                if (reply.endTimeline() != reply.timeline()) {
                    throw new IllegalStateException("the backup started on timeline " + reply.timeline() + " and ended"
                            + " on " + reply.endTimeline() + "; HINT: the server was promoted during the backup; take it"
                            + " again");
                }
                tracker.walExpected(segments, reply.startLsn(), reply.endLsn());
                int walFiles = wal.complete(reply.startLsn(), reply.endLsn(), reply.timeline());
                byte[] manifest = reply.manifest();
                tar.addMember("backup_manifest", manifest, now);
                tar.finish();
                BaseBackupResult result = new BaseBackupResult(system.value("systemid"), session.serverVersion(),
                        reply.timeline(), reply.startLsn(), reply.endLsn(), reply.members(), walFiles, manifest.length,
                        tar.bytesWritten());
                LOG.info("basebackup {}: '{}' done, {} .. {} on timeline {}, {} files, {} WAL segments, {} bytes",
                        config.describe(), options.label(), result.startLsn(), result.endLsn(), result.timeline(),
                        result.members(), walFiles, result.tarBytes());
                return result;
            } catch (RuntimeException e) {
                wal.abandon();
                throw e;
            }
        }
    }

    /**
     * The WAL session sits idle until BASE_BACKUP's checkpoint is done, and again while its stream
     * is paused; a server-wide idle_session_timeout must not end it, since its temporary slot
     * keeps the backup's WAL.
     */
    private ConnectionConfig walSessionConfig() {
        return config.withApplicationName("lanfree_wal").withServerOptions("-c idle_session_timeout=0");
    }

    /**
     * The server says nothing until its checkpoint is done; a spread one lasts up to
     * checkpoint_timeout times checkpoint_completion_target, which a read timeout must not cut.
     */
    private ConnectionConfig backupSessionConfig(BaseBackupOptions options) {
        ConnectionConfig c = config.withApplicationName("lanfree_basebackup");
        return options.fastCheckpoint() ? c : c.withReadTimeout(Duration.ZERO);
    }

    private static void checkVersion(ReplicationConnection c) {
        if (c.serverMajor() < FIRST_SUPPORTED_MAJOR) {
            throw new UnsupportedOperationException("PostgreSQL " + c.serverVersion() + " is not supported: expected "
                    + FIRST_SUPPORTED_MAJOR + " or later (BASE_BACKUP's option list and copy stream format)");
        }
    }
}
