/**
 * Backups requested from SQL. A <em>job</em> is one row of {@code lanfree.jobs} (installed by
 * {@code sql/postgres/install.sql}); {@code lanfree.backup()} queues it and NOTIFYs channel
 * {@code lanfree_jobs}. A {@link org.lanfree.db.pg.jobs.ClusterWatcher} per cluster LISTENs,
 * claims queued jobs and runs them through a {@link org.lanfree.db.pg.jobs.MediaTarget}, writing
 * progress and outcome back to the row.
 */
package org.lanfree.db.pg.jobs;
