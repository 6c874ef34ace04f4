package org.lanfree.media.catalog;

import java.time.Instant;

/**
 * A dataset whose newest good backup is older than its policy allows (a row of
 * {@code v_need_backup}). {@code levelDue} is full when no good full exists or the newest is
 * older than the policy's full interval.
 */
public record NeedBackup(long datasetId, String client, String dataset, BackupKind kind, String policy,
                         BackupLevel levelDue, String reason, Instant lastBackupAt, Instant lastFullAt, Long ageSeconds) {
}
