package org.lanfree.media.catalog;

/**
 * A job to queue. {@code params} is free text (JSON, typically) that the job's runner reads;
 * higher {@code priority} is claimed first, then the oldest.
 */
public record JobSpec(JobKind kind, Long clientId, Long datasetId, BackupLevel level, int priority, String requestedBy,
                      String params) {

    public JobSpec {
        if (kind == null) {
            throw CatalogException.refused("job kind is missing, expected one of backup, restore, crosscheck, migrate, expire");
        }
        if (kind == JobKind.BACKUP && (datasetId == null || level == null)) {
            throw CatalogException.refused("a backup job needs a dataset and a level; got dataset " + datasetId + ", level " + level);
        }
        if (params != null && params.length() > 4000) {
            throw CatalogException.refused("job params are " + params.length() + " characters, expected at most 4000");
        }
    }

    /** A backup of {@code datasetId} at {@code level}. */
    public static JobSpec backup(long datasetId, BackupLevel level) {
        return new JobSpec(JobKind.BACKUP, null, datasetId, level, 0, null, null);
    }

    /** Any other job; {@code params} says what it works on. */
    public static JobSpec of(JobKind kind, String params) {
        return new JobSpec(kind, null, null, null, 0, null, params);
    }

    public JobSpec withPriority(int value) {
        return new JobSpec(kind, clientId, datasetId, level, value, requestedBy, params);
    }

    public JobSpec requestedBy(String who) {
        return new JobSpec(kind, clientId, datasetId, level, priority, who, params);
    }

    public JobSpec withParams(String value) {
        return new JobSpec(kind, clientId, datasetId, level, priority, requestedBy, value);
    }
}
