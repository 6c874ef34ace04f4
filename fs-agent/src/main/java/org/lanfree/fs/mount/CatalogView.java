package org.lanfree.fs.mount;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the mount asks the catalog, through its read-only SQL (the views of
 * {@code sql/catalog/README.md}): the finished file-tree backups (good, with warnings, and
 * damaged ones, whose undamaged files still read), and all rows of one backup's
 * chain in one query. Each call opens its own connection, so the view never holds one idle.
 */
public final class CatalogView {

    /** Opens a connection to the catalog as a read-only user. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    private static final String BACKUPS = "SELECT backup_id, client, dataset, level, status, ended_at FROM v_backups"
            + " WHERE kind = 'fs' AND status IN ('good', 'warnings', 'damaged') AND ended_at IS NOT NULL"
            + " ORDER BY client, ended_at, backup_id";

    private static final String CHAIN = "SELECT ch.depth, f.backup_id, f.path_head || f.path_tail AS path, f.state,"
            + " f.type, f.size, f.mode, f.uid, f.gid, f.mtime_ns, f.ctime_ns, f.nlink, f.link_target, f.archive_offset"
            + " FROM v_backup_chain ch JOIN file_entries f ON f.backup_id = ch.ancestor_id"
            + " WHERE ch.backup_id = ? ORDER BY ch.depth";

    private final Connector connector;

    public CatalogView(Connector connector) {
        this.connector = connector;
    }

    public List<BackupInfo> backups() throws SQLException {
        List<BackupInfo> out = new ArrayList<>();
        try (Connection c = connector.open(); PreparedStatement ps = c.prepareStatement(BACKUPS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp ended = rs.getTimestamp("ended_at");
                out.add(new BackupInfo(rs.getLong("backup_id"), rs.getString("client"), rs.getString("dataset"),
                        rs.getString("level"), rs.getString("status"),
                        ended == null ? Instant.EPOCH : ended.toInstant()));
            }
        }
        return out;
    }

    /** Every row of {@code backupId} and of its ancestors, nearest first. */
    public List<EntryRow> chain(long backupId) throws SQLException {
        List<EntryRow> out = new ArrayList<>();
        try (Connection c = connector.open(); PreparedStatement ps = c.prepareStatement(CHAIN)) {
            ps.setLong(1, backupId);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long offset = rs.getLong("archive_offset");
                    if (rs.wasNull()) {
                        offset = -1;
                    }
                    String type = rs.getString("type");
                    out.add(new EntryRow(rs.getInt("depth"), rs.getLong("backup_id"), rs.getBytes("path"),
                            "deleted".equals(rs.getString("state")), type == null || type.isEmpty() ? '?' : type.charAt(0),
                            rs.getLong("size"), rs.getInt("mode"), rs.getLong("uid"), rs.getLong("gid"),
                            rs.getLong("mtime_ns"), rs.getLong("ctime_ns"), rs.getInt("nlink"),
                            rs.getBytes("link_target"), offset));
                }
            }
        }
        return out;
    }
}
