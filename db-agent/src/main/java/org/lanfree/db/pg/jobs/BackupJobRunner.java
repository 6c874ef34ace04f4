package org.lanfree.db.pg.jobs;

import java.sql.SQLException;
import java.time.Duration;

import org.lanfree.connect.session.MediaSession;
import org.lanfree.db.pg.agent.StoreBaseBackup;
import org.lanfree.db.pg.basebackup.BackupProgress;
import org.lanfree.db.pg.basebackup.BaseBackupOptions;
import org.lanfree.db.pg.basebackup.PgBaseBackup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed job: a full base backup of the cluster into a new media server session,
 * its progress written to the job row about once a second, its outcome at the end.
 */
public final class BackupJobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BackupJobRunner.class);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final PgUrl cluster;
    private final MediaTarget media;
    private final String client;
    private final int maxRateKb;

    /** @param maxRateKb BASE_BACKUP's MAX_RATE in kB/s; 0 for none */
    public BackupJobRunner(PgUrl cluster, MediaTarget media, String client, int maxRateKb) {
        this.cluster = cluster;
        this.media = media;
        this.client = client;
        this.maxRateKb = maxRateKb;
    }

    public void run(JobTable.Job job, JobTable jobs) throws SQLException {
        LOG.info("job {} of {}: {} backup started", job.id(), cluster, job.level());
        StoreBaseBackup.Stored stored;
        try {
            stored = store("lanfree job " + job.id(), new RowProgress(jobs, job.id()));
        } catch (Exception | LinkageError e) {
            String why = Failures.describe(e);
            LOG.warn("job {} of {} failed: {}", job.id(), cluster, why);
            jobs.failed(job.id(), why);
            return;
        }
        jobs.done(job.id(), stored.backupId(), stored.backup().tarBytes());
        LOG.info("job {} of {}: stored as backup {} ({} bytes, {} .. {})", job.id(), cluster, stored.backupId(),
                stored.backup().tarBytes(), stored.backup().startLsn(), stored.backup().endLsn());
    }

    /** The backup itself, also used by {@code lanfree backup pg} without a job row. */
    public StoreBaseBackup.Stored store(String label, BackupProgress progress) throws Exception {
        BaseBackupOptions options = BaseBackupOptions.labelled(label);
        if (maxRateKb > 0) {
            options = options.withMaxRate(maxRateKb);
        }
        try (MediaSession session = media.open()) {
            return new StoreBaseBackup(new PgBaseBackup(cluster.replication()), client, cluster.dataset(),
                    Duration.ofMinutes(2)).run(session, options, progress);
        }
    }

    /** Writes progress to the row at most once a second; a failed update only costs the display. */
    private static final class RowProgress implements BackupProgress {
        private final JobTable jobs;
        private final long jobId;
        private long last = System.nanoTime() - PROGRESS_EVERY_NANOS;

        RowProgress(JobTable jobs, long jobId) {
            this.jobs = jobs;
            this.jobId = jobId;
        }

        @Override
        public void onProgress(long bytesDone, long bytesTotal) {
            long now = System.nanoTime();
            if (now - last < PROGRESS_EVERY_NANOS) {
                return;
            }
            last = now;
            try {
                jobs.progress(jobId, bytesDone, bytesTotal);
            } catch (SQLException e) {
                LOG.warn("job {}: progress not written: {}", jobId, e.getMessage());
            }
        }
    }
}
