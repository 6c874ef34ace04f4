/**
 * Write-ahead log positions and files. An {@link org.lanfree.db.pg.wal.Lsn LSN} is a byte
 * position in the WAL; a <em>segment</em> is one WAL file of {@code wal_segment_size} bytes,
 * named by timeline and segment number; the {@link org.lanfree.db.pg.wal.WalReceiver receiver}
 * streams a range of WAL from a replication slot and hands it over segment by segment.
 */
package org.lanfree.db.pg.wal;
