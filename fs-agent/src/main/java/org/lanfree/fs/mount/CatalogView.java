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

    private static final String PARENT = "SELECT parent_id FROM backups WHERE id = ?";

    private static final String ROWS = "SELECT path_head, path_tail, state, type, size, mode, uid, gid, mtime_ns,"
            + " ctime_ns, nlink, link_target, archive_offset FROM file_entries WHERE backup_id = ?";

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

    /** Every row of {@code backupId} and of its ancestors, nearest first: one query per chain member. */
    public List<EntryRow> chain(long backupId) throws SQLException {
        List<EntryRow> out = new ArrayList<>();
        try (Connection c = connector.open(); PreparedStatement parent = c.prepareStatement(PARENT);
             PreparedStatement rows = c.prepareStatement(ROWS)) {
            rows.setFetchSize(10_000);
            long id = backupId;
            for (int depth = 0; id > 0; depth++) {
                rows.setLong(1, id);
                try (ResultSet rs = rows.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(depth, id, rs));
                    }
                }
                parent.setLong(1, id);
                try (ResultSet rs = parent.executeQuery()) {
                    id = rs.next() ? rs.getLong(1) : 0;
                }
                if (depth > 10_000) {
                    throw new SQLException("backup " + backupId + " has a chain of more than 10,000 backups; expected"
                            + " a chain that ends at a full backup. HINT: the catalog's parent ids form a loop");
                }
            }
        }
        return out;
    }

    private static EntryRow row(int depth, long backupId, ResultSet rs) throws SQLException {
        byte[] head = rs.getBytes(1);
        byte[] tail = rs.getBytes(2);
        byte[] path = head;
        if (tail != null && tail.length > 0) {
            path = java.util.Arrays.copyOf(head, head.length + tail.length);
            System.arraycopy(tail, 0, path, head.length, tail.length);
        }
        long offset = rs.getLong(13);
        if (rs.wasNull()) {
            offset = -1;
        }
        String type = rs.getString(4);
        return new EntryRow(depth, backupId, path, "deleted".equals(rs.getString(3)),
                type == null || type.isEmpty() ? '?' : type.charAt(0), rs.getLong(5), rs.getInt(6), rs.getLong(7),
                rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getInt(11), rs.getBytes(12), offset);
    }
}
