package org.lanfree.db.pg.jobs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cluster's requests, on its own thread: connect, LISTEN, end orphaned jobs, then claim and
 * run queued jobs one at a time, waking on NOTIFY (or every few seconds, in case one was
 * missed). A lost connection is retried; NOTIFYs sent meanwhile are not kept by the server, so
 * every (re)connect scans the table, which finds requests queued while the agent was down.
 */
public final class ClusterWatcher implements Runnable {

    /** pg_stat_activity.application_name of the agent's LISTEN session. */
    public static final String APPLICATION_NAME = "lanfree_db_agent";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatcher.class);
    private static final int WAKE_MILLIS = 5000;
    private static final long RETRY_SECONDS = 5;

    private final PgUrl cluster;
    private final BackupJobRunner runner;
    private final CountDownLatch stop = new CountDownLatch(1);

    public ClusterWatcher(PgUrl cluster, BackupJobRunner runner) {
        this.cluster = cluster;
        this.runner = runner;
    }

    public PgUrl cluster() {
        return cluster;
    }

    /** Ends the loop after the running job, if any. */
    public void stop() {
        stop.countDown();
    }

    @Override
    public void run() {
        String lastProblem = null;
        while (stop.getCount() > 0) {
            try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(),
                    cluster.jdbcProperties(APPLICATION_NAME))) {
                JobTable jobs = new JobTable(c);
                if (!jobs.installed()) {
                    throw new SQLException("table lanfree.jobs does not exist in database " + cluster.database()
                            + "; HINT: run sql/postgres/install.sql there as a superuser (psql -f install.sql)");
                }
                jobs.listen();
                int orphans = jobs.failOrphans();
                LOG.info("{}: listening for backup requests{}", cluster,
                        orphans == 0 ? "" : "; " + orphans + " job(s) of a stopped agent marked failed");
                lastProblem = null;
                serve(jobs);
            } catch (SQLException e) {
                String problem = Failures.describe(e);
                if (!problem.equals(lastProblem)) {
                    LOG.warn("{}: {}; retrying every {} s", cluster, problem, RETRY_SECONDS);
                    lastProblem = problem;
                }
            }
            await(RETRY_SECONDS);
        }
    }

    private void serve(JobTable jobs) throws SQLException {
        while (stop.getCount() > 0) {
            var job = jobs.claim();
            if (job.isPresent()) {
                runner.run(job.get(), jobs);
            } else {
                jobs.awaitNotification(WAKE_MILLIS);
            }
        }
    }

    private void await(long seconds) {
        try {
            stop.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.countDown();
        }
    }
}
