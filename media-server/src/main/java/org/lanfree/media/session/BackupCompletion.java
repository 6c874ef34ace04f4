package org.lanfree.media.session;

import org.lanfree.media.catalog.BackupEnd;

/**
 * What a session adds to a backup beyond its stream: told the backup's id as it starts, and asked
 * how it ends once the stream is on tape, before the backup is listed; a file-tree session
 * records its file entries and warnings there, a PostgreSQL one its end LSN.
 */
public interface BackupCompletion {

    /** A backup that is its stream and nothing more. */
    BackupCompletion NONE = (backupId, good) -> good;

    /** The catalog has started backup {@code backupId}. */
    default void started(long backupId) throws SessionException {
    }

    /**
     * The stream is on tape and {@code good} is how the backup would end; returns how it ends (with
     * its file count, warnings, end LSN), or throws to fail it.
     */
    BackupEnd end(long backupId, BackupEnd good) throws SessionException;
}
