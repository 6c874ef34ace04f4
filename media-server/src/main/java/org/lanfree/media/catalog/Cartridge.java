package org.lanfree.media.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A cartridge as {@code v_tapes} shows it: its pool, state and usage, where it is ("slot 3",
 * "drive 0", "ie 1" in {@code library}, or "outside"), and how much live data it holds.
 */
public record Cartridge(String barcode, String pool, State state, long capacityBytes, long usedBytes, int tapeFiles,
                        boolean writeProtected, String library, String location, long liveBackups, long liveWalRanges,
                        Instant lastWrittenAt) {

    /** A cartridge's life: scratch (empty), filling, full; damaged or retired ones are never written. */
    public enum State {
        SCRATCH,
        FILLING,
        FULL,
        DAMAGED,
        RETIRED
    }

    static final String SELECT = "SELECT barcode, pool, state, capacity_bytes, used_bytes, tape_files, write_protected,"
            + " library, location, live_backups, live_wal_ranges, last_written_at FROM v_tapes";

    static Cartridge read(ResultSet rs) throws SQLException {
        return new Cartridge(rs.getString("barcode"), rs.getString("pool"), Rows.code(rs, "state", State.class),
                rs.getLong("capacity_bytes"), rs.getLong("used_bytes"), rs.getInt("tape_files"),
                rs.getBoolean("write_protected"), rs.getString("library"), rs.getString("location"),
                rs.getLong("live_backups"), rs.getLong("live_wal_ranges"), Rows.instant(rs, "last_written_at"));
    }
}
