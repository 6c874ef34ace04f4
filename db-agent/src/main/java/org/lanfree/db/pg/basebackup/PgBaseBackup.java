package org.lanfree.db.pg.basebackup;

import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.lanfree.db.pg.wal.Lsn;
import org.lanfree.db.pg.wal.WalReceiver;
import org.lanfree.db.pg.wal.WalSegmentSink;
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
 * <p>Two walsender sessions: the WAL session creates a temporary physical slot with
 * RESERVE_WAL <em>before</em> BASE_BACKUP, so the server keeps every segment from the
 * backup's start; the backup session runs BASE_BACKUP. The WAL is streamed from the slot once
 * the data is written, because members of one tar stream cannot interleave; the slot makes the
 * wait safe, and memory stays fixed (no spool). Closing the WAL session drops the slot.
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
        Progress tracker = new Progress(progress);
        try (ReplicationConnection wal = ReplicationConnection.open(walSessionConfig())) {
            checkVersion(wal);
            QueryResult system = wal.queryOne("IDENTIFY_SYSTEM");
            WalSegments segments = WalSegments.ofSetting(wal.queryOne("SHOW wal_segment_size").rows().get(0).get(0));
            String slot = "lanfree_bb_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            wal.query("CREATE_REPLICATION_SLOT \"" + slot + "\" TEMPORARY PHYSICAL (RESERVE_WAL)");

            BaseBackupReply reply = new BaseBackupReply(tar, tracker);
            try (ReplicationConnection backup = ReplicationConnection.open(backupSessionConfig(options))) {
                backup.send(options.command());
                while (!reply.on(backup.next())) {
                    // each message moves the reply's state machine
                }
            }
            if (reply.endTimeline() != reply.timeline()) {
                throw new IllegalStateException("the backup started on timeline " + reply.timeline() + " and ended on "
                        + reply.endTimeline() + "; HINT: the server was promoted during the backup; take it again");
            }
            byte[] manifest = reply.manifest();
            long now = Instant.now().getEpochSecond();
            tar.addMember("backup_manifest", manifest, now);

            tracker.walExpected(segments, reply.startLsn(), reply.endLsn());
            int walFiles = new WalReceiver(wal, segments).stream(slot, reply.timeline(), reply.startLsn(), reply.endLsn(),
                    new TarWalSink(tar, now, tracker));
            tar.finish();
            BaseBackupResult result = new BaseBackupResult(system.value("systemid"), wal.serverVersion(),
                    reply.timeline(), reply.startLsn(), reply.endLsn(), reply.members(), walFiles, manifest.length,
                    tar.bytesWritten());
            LOG.info("basebackup {}: '{}' done, {} .. {} on timeline {}, {} files, {} WAL segments, {} bytes",
                    config.describe(), options.label(), result.startLsn(), result.endLsn(), result.timeline(),
                    result.members(), walFiles, result.tarBytes());
            return result;
        }
    }

    /**
     * The WAL session waits idle while BASE_BACKUP runs; a server-wide idle_session_timeout
     * must not end it, since its temporary slot keeps the backup's WAL.
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

    /** Bytes done and expected over the data and the WAL; reports on every change. */
    private static final class Progress implements BaseBackupReply.Listener {

        private final BackupProgress listener;
        private long total;
        private long dataDone;
        private long walDone;

        Progress(BackupProgress listener) {
            this.listener = listener;
        }

        @Override
        public void onStarted(Lsn start, int timeline, long estimatedBytes) {
            total = estimatedBytes;
            listener.onProgress(0, total);
        }

        @Override
        public void onProgress(long bytesDone) {
            dataDone = bytesDone;
            total = Math.max(total, dataDone);
            listener.onProgress(dataDone, total);
        }

        void walExpected(WalSegments segments, Lsn start, Lsn end) {
            long files = segments.segmentNumber(end) - segments.segmentNumber(start) + 1;
            total = dataDone + files * segments.size();
            listener.onProgress(dataDone, total);
        }

        void walWritten(long bytes) {
            walDone += bytes;
            listener.onProgress(dataDone + walDone, total);
        }
    }

    /** WAL segments as tar members {@code pg_wal/<name>}, padded with zeros to the segment size. */
    private static final class TarWalSink implements WalSegmentSink {

        private final TarWriter tar;
        private final long mtime;
        private final Progress progress;
        private long size;

        TarWalSink(TarWriter tar, long mtime, Progress progress) {
            this.tar = tar;
            this.mtime = mtime;
            this.progress = progress;
        }

        @Override
        public void begin(String fileName, long segmentSize) {
            size = segmentSize;
            tar.beginMember("pg_wal/" + fileName, segmentSize, mtime);
        }

        @Override
        public void write(byte[] data, int off, int len) {
            tar.write(data, off, len);
        }

        @Override
        public void end(long received) {
            tar.endMember();
            progress.walWritten(size);
        }
    }
}
