package org.lanfree.media.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A job as the catalog holds it. {@code mountRequest} is set while the job waits for a
 * cartridge (state {@link JobState#WAITING}), so operators see what to load.
 */
public record Job(long id, JobKind kind, JobState state, Long clientId, Long datasetId, BackupLevel level, Long backupId,
                  int priority, String requestedBy, String params, Instant queuedAt, String claimedBy, Instant claimedAt,
                  Instant endedAt, String mountRequest, Instant mountRequestedAt, long bytesDone, Long bytesTotal,
                  long filesDone, String error) {

    static final String COLUMNS = "id, kind, state, client_id, dataset_id, level, backup_id, priority, requested_by, params,"
            + " queued_at, claimed_by, claimed_at, ended_at, mount_request, mount_requested_at, bytes_done, bytes_total,"
            + " files_done, error";

    static Job read(ResultSet rs) throws SQLException {
        return new Job(rs.getLong("id"), Rows.code(rs, "kind", JobKind.class), Rows.code(rs, "state", JobState.class),
                Rows.longOrNull(rs, "client_id"), Rows.longOrNull(rs, "dataset_id"), Rows.code(rs, "level", BackupLevel.class),
                Rows.longOrNull(rs, "backup_id"), rs.getInt("priority"), rs.getString("requested_by"), rs.getString("params"),
                Rows.instant(rs, "queued_at"), rs.getString("claimed_by"), Rows.instant(rs, "claimed_at"),
                Rows.instant(rs, "ended_at"), rs.getString("mount_request"), Rows.instant(rs, "mount_requested_at"),
                rs.getLong("bytes_done"), Rows.longOrNull(rs, "bytes_total"), rs.getLong("files_done"), rs.getString("error"));
    }
}
