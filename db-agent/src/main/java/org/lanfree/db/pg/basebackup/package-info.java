/**
 * Physical base backups over the replication protocol. A <em>base backup</em> is the data
 * directory as BASE_BACKUP sends it, its <em>manifest</em> (files, sizes, checksums, WAL range)
 * and the <em>WAL</em> from the backup's start to its end LSN, streamed from a temporary slot;
 * {@link org.lanfree.db.pg.basebackup.PgBaseBackup} writes the three as one tar stream that
 * unpacks into a data directory PostgreSQL can start from.
 */
package org.lanfree.db.pg.basebackup;
