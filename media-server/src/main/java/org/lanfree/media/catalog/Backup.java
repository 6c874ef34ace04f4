package org.lanfree.media.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A backup as the catalog holds it, with its client's and dataset's names. PostgreSQL backups
 * carry their WAL start and end ({@code startLsn}, {@code endLsn}, as unsigned 64-bit LSNs) and
 * timeline.
 */
public record Backup(long id, long clientId, String client, long datasetId, String dataset, Long jobId, BackupKind kind,
                     BackupLevel level, Long parentId, BackupStatus status, String pool, Compression compression,
                     String label, long bytes, long storedBytes, long files, Instant startedAt, Instant endedAt,
                     String sha256, Long startLsn, Long endLsn, Integer timeline, String dbVersion, String note,
                     Instant expiredAt) {

    static final String SELECT = "SELECT b.id, b.client_id, c.name AS client, b.dataset_id, d.name AS dataset, b.job_id,"
            + " b.kind, b.level, b.parent_id, b.status, b.pool, b.compression, b.label, b.bytes, b.stored_bytes, b.files,"
            + " b.started_at, b.ended_at, b.sha256, b.start_lsn, b.end_lsn, b.timeline, b.db_version, b.note, b.expired_at"
            + " FROM backups b JOIN clients c ON c.id = b.client_id JOIN datasets d ON d.id = b.dataset_id";

    static Backup read(ResultSet rs) throws SQLException {
        return new Backup(rs.getLong("id"), rs.getLong("client_id"), rs.getString("client"), rs.getLong("dataset_id"),
                rs.getString("dataset"), Rows.longOrNull(rs, "job_id"), Rows.code(rs, "kind", BackupKind.class),
                Rows.code(rs, "level", BackupLevel.class), Rows.longOrNull(rs, "parent_id"),
                Rows.code(rs, "status", BackupStatus.class), rs.getString("pool"),
                Rows.code(rs, "compression", Compression.class), rs.getString("label"), rs.getLong("bytes"),
                rs.getLong("stored_bytes"), rs.getLong("files"), Rows.instant(rs, "started_at"), Rows.instant(rs, "ended_at"),
                rs.getString("sha256"), Rows.longOrNull(rs, "start_lsn"), Rows.longOrNull(rs, "end_lsn"),
                Rows.intOrNull(rs, "timeline"), rs.getString("db_version"), rs.getString("note"),
                Rows.instant(rs, "expired_at"));
    }
}
