package org.lanfree.media.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** The part of a backup in one tape file; a backup that spans cartridges has sections 1, 2, ... */
public record Section(long backupId, int sectionNo, TapeFile tapeFile, String sha256, Instant writtenAt) {

    static final String COLUMNS = "backup_id, section_no, barcode, file_number, first_block, last_block, block_size, bytes,"
            + " sha256, written_at";

    static Section read(ResultSet rs) throws SQLException {
        return new Section(rs.getLong("backup_id"), rs.getInt("section_no"),
                new TapeFile(rs.getString("barcode"), rs.getInt("file_number"), rs.getLong("first_block"),
                        rs.getLong("last_block"), rs.getInt("block_size"), rs.getLong("bytes")),
                rs.getString("sha256"), Rows.instant(rs, "written_at"));
    }
}
