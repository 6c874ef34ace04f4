package org.lanfree.db.pg.basebackup;

/** Told how far a backup is; called on the backup's thread, so it must return quickly. */
@FunctionalInterface
public interface BackupProgress {

    /** Nobody listens. */
    BackupProgress NONE = (done, total) -> { };

    /**
     * @param bytesDone  data and WAL bytes sent so far
     * @param bytesTotal the server's estimate of the whole (grows once the WAL range is known); 0 when unknown
     */
    void onProgress(long bytesDone, long bytesTotal);
}
