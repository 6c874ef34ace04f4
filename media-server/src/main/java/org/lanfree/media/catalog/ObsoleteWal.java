package org.lanfree.media.catalog;

/** A WAL range no restore inside the recovery window can use (a row of {@code v_obsolete_wal}). */
public record ObsoleteWal(long walRangeId, String client, String dataset, int timeline, long startLsn, long endLsn,
                          long bytes, WalRange.Location location) {
}
