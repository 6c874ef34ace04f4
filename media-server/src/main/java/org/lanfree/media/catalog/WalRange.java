package org.lanfree.media.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A contiguous run of one PostgreSQL cluster's WAL on one timeline, {@code [startLsn, endLsn)}
 * as unsigned 64-bit LSNs, held in the media server's disk staging pool ({@code stagingPath})
 * or, once migrated, in a tape file ({@code tapeFile}).
 */
public record WalRange(long id, long datasetId, int timeline, long startLsn, long endLsn, long bytes, Location location,
                       String stagingPath, TapeFile tapeFile, String sha256, Instant receivedAt, Instant migratedAt,
                       Instant expiredAt) {

    /** Where the WAL is now. */
    public enum Location {
        STAGING,
        TAPE
    }

    static final String COLUMNS = "id, dataset_id, timeline, start_lsn, end_lsn, bytes, location, staging_path, barcode,"
            + " file_number, first_block, last_block, block_size, sha256, received_at, migrated_at, expired_at";

    static WalRange read(ResultSet rs) throws SQLException {
        String barcode = rs.getString("barcode");
        long bytes = rs.getLong("bytes");
        TapeFile tape = barcode == null ? null : new TapeFile(barcode, rs.getInt("file_number"), rs.getLong("first_block"),
                rs.getLong("last_block"), rs.getInt("block_size"), bytes);
        return new WalRange(rs.getLong("id"), rs.getLong("dataset_id"), rs.getInt("timeline"), rs.getLong("start_lsn"),
                rs.getLong("end_lsn"), bytes, Rows.code(rs, "location", Location.class), rs.getString("staging_path"), tape,
                rs.getString("sha256"), Rows.instant(rs, "received_at"), Rows.instant(rs, "migrated_at"),
                Rows.instant(rs, "expired_at"));
    }
}
