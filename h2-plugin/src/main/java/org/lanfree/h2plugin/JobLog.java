package org.lanfree.h2plugin;

/**
 * Where a job's progress and outcome go. {@link #NONE} records nothing (a database without
 * {@code LANFREE.JOBS}, or the command line's own backups), so the backup never asks.
 */
public interface JobLog extends AutoCloseable {

    JobLog NONE = new JobLog() {
    };

    /** The job started: the database file holds {@code databaseBytes} now. */
    default void started(String level, String dataset, long databaseBytes, String mediaServer) {
    }

    /** The copy reads {@code bytes} of the database file: the job's size from now on. */
    default void copying(long bytes) {
    }

    /** How far the copy has come; called often, recorded at most about once a second. */
    default void progress(long read, long sent) {
    }

    /** The media server stored the backup and lists it good. */
    default void good(long backupId, String sha256, long read, long sent) {
    }

    /** The job failed; {@code error} is the message the caller gets. */
    default void failed(String error) {
    }

    @Override
    default void close() {
    }
}
