package org.lanfree.media.catalog;

/**
 * What is known when a backup begins. Kind and client come from the dataset. For PostgreSQL the
 * start LSN and timeline may be given here or later with {@link Backups#recordStart}.
 */
public record BackupStart(long datasetId, BackupLevel level, Long parentId, Long jobId, String pool,
                          Compression compression, String label, Long startLsn, Integer timeline, String dbVersion) {

    public BackupStart {
        if (level == null) {
            throw CatalogException.refused("backup of dataset " + datasetId + ": level is missing, expected full or incremental");
        }
        if ((level == BackupLevel.INCREMENTAL) != (parentId != null)) {
            throw CatalogException.refused("backup of dataset " + datasetId + ": a " + level.code() + " backup with parent "
                    + parentId + "; expected a parent for an incremental and none for a full");
        }
        compression = compression == null ? Compression.NONE : compression;
    }

    public static BackupStart full(long datasetId) {
        return new BackupStart(datasetId, BackupLevel.FULL, null, null, null, Compression.NONE, null, null, null, null);
    }

    public static BackupStart incremental(long datasetId, long parentId) {
        return new BackupStart(datasetId, BackupLevel.INCREMENTAL, parentId, null, null, Compression.NONE, null, null, null, null);
    }

    public BackupStart withJob(Long id) {
        return new BackupStart(datasetId, level, parentId, id, pool, compression, label, startLsn, timeline, dbVersion);
    }

    /** The pool the backup is written to and how it is compressed (usually its policy's). */
    public BackupStart withStorage(String poolName, Compression how) {
        return new BackupStart(datasetId, level, parentId, jobId, poolName, how, label, startLsn, timeline, dbVersion);
    }

    public BackupStart withLabel(String value) {
        return new BackupStart(datasetId, level, parentId, jobId, pool, compression, value, startLsn, timeline, dbVersion);
    }

    /** PostgreSQL: where the backup starts in the WAL, and the server's version. */
    public BackupStart withWalStart(long lsn, int tli, String version) {
        return new BackupStart(datasetId, level, parentId, jobId, pool, compression, label, lsn, tli, version);
    }
}
