package org.lanfree.db.pg.basebackup;

import org.lanfree.db.pg.wal.Lsn;

/**
 * What a finished base backup holds.
 *
 * @param systemIdentifier the cluster's system identifier (IDENTIFY_SYSTEM)
 * @param serverVersion    server_version of the cluster
 * @param timeline         timeline of the backup
 * @param startLsn         where recovery from it starts (the checkpoint's redo)
 * @param endLsn           the WAL up to here is needed for consistency, and included
 * @param members          tar members of the data directory
 * @param walSegments      WAL segment files included under pg_wal/
 * @param manifestBytes    size of the backup_manifest member
 * @param tarBytes         bytes of the whole tar stream
 */
public record BaseBackupResult(String systemIdentifier, String serverVersion, int timeline, Lsn startLsn, Lsn endLsn,
                               long members, int walSegments, long manifestBytes, long tarBytes) {
}
