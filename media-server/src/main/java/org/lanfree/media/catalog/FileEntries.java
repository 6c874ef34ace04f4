package org.lanfree.media.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The file entries of file-tree backups: written in JDBC batches while a backup runs, listed by
 * backup and path prefix without touching tape. {@link #tree} merges a chain, so an
 * incremental shows the whole tree as it was when it ran.
 */
public final class FileEntries {

    /** Rows per JDBC batch. */
    static final int BATCH = 5000;
    private static final int FETCH = 2000;
    private static final String INSERT = "INSERT INTO file_entries (backup_id, tail_sha256, path_text, " + FileEntry.COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ORDER = " ORDER BY path_head, path_tail";

    private final Db db;

    FileEntries(Db db) {
        this.db = db;
    }

    /** Adds entries to a running backup, in one transaction; a path already recorded for it is refused. */
    public void add(long backupId, List<FileEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        db.use(h -> {
            String status = h.createQuery("SELECT status FROM backups WHERE id = :id").bind("id", backupId)
                    .mapTo(String.class).findOne()
                    .orElseThrow(() -> CatalogException.refused("cannot add file entries to backup " + backupId + ": no such backup"));
            if (!"running".equals(status)) {
                throw CatalogException.refused("cannot add file entries to backup " + backupId + ": it is " + status
                        + ", expected running");
            }
            try {
                insert(h.getConnection(), backupId, entries);
            } catch (SQLException e) {
                boolean retryable = Db.retryable(e);
                throw new CatalogException("adding " + entries.size() + " file entries to backup " + backupId + " failed: "
                        + e.getMessage().lines().findFirst().orElse("") + " (SQLSTATE " + e.getSQLState() + "); HINT: "
                        + (retryable ? "the database is unreachable or busy, retry the batch" : "a path may be listed twice"),
                        retryable, e);
            }
        });
    }

    public long count(long backupId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM file_entries WHERE backup_id = :id")
                .bind("id", backupId).mapTo(Long.class).one());
    }

    public Optional<FileEntry> get(long backupId, byte[] path) {
        byte[] tail = PathPrefix.tail(path);
        return db.read(h -> h.createQuery("SELECT " + FileEntry.COLUMNS + " FROM file_entries"
                        + " WHERE backup_id = :id AND path_head = :head AND tail_sha256 = :tailKey")
                .bind("id", backupId).bind("head", PathPrefix.head(path)).bind("tailKey", PathPrefix.tailKey(tail))
                .map((rs, ctx) -> FileEntry.read(rs)).findOne());
    }

    /** The entries of one backup at or under {@code prefix} (null: all), in byte order of path. */
    public List<FileEntry> list(long backupId, byte[] prefix) {
        List<FileEntry> out = new ArrayList<>();
        forEach(backupId, prefix, out::add);
        return out;
    }

    /** As {@link #list}, streamed to {@code action} for backups too big to hold in memory. */
    public void forEach(long backupId, byte[] prefix, Consumer<FileEntry> action) {
        PathPrefix range = PathPrefix.of(prefix);
        db.use(h -> {
            Query q = h.createQuery("SELECT " + FileEntry.COLUMNS + " FROM file_entries f WHERE f.backup_id = :id"
                    + (range == null ? "" : range.condition("f")) + ORDER).bind("id", backupId).setFetchSize(FETCH);
            run(q, range, (rs, ctx) -> FileEntry.read(rs), FileEntry::path, action);
        });
    }

    /**
     * The tree as it was at {@code backupId}: for every path at or under {@code prefix}, the newest
     * entry along the backup's chain, leaving out paths whose newest entry is a deletion.
     */
    public List<TreeEntry> tree(long backupId, byte[] prefix) {
        List<TreeEntry> out = new ArrayList<>();
        forEachInTree(backupId, prefix, out::add);
        return out;
    }

    /** As {@link #tree}, streamed. */
    public void forEachInTree(long backupId, byte[] prefix, Consumer<TreeEntry> action) {
        PathPrefix range = PathPrefix.of(prefix);
        db.use(h -> {
            Query q = h.createQuery("WITH RECURSIVE up (id, depth) AS (SELECT id, 0 FROM backups WHERE id = :id"
                            + " UNION ALL SELECT b.parent_id, up.depth + 1 FROM up JOIN backups b ON b.id = up.id"
                            + " WHERE b.parent_id IS NOT NULL),"
                            + " ranked (backup_id, " + FileEntry.COLUMNS + ", rn) AS (SELECT f.backup_id, " + qualified("f")
                            + ", ROW_NUMBER() OVER (PARTITION BY f.path_head, f.tail_sha256 ORDER BY up.depth)"
                            + " FROM file_entries f JOIN up ON f.backup_id = up.id WHERE 1 = 1"
                            + (range == null ? "" : range.condition("f")) + ")"
                            + " SELECT backup_id, " + FileEntry.COLUMNS + " FROM ranked WHERE rn = 1 AND state <> 'deleted'" + ORDER)
                    .bind("id", backupId).setFetchSize(FETCH);
            run(q, range, (rs, ctx) -> new TreeEntry(rs.getLong("backup_id"), FileEntry.read(rs)), t -> t.entry().path(), action);
        });
    }

    private static <T> void run(Query q, PathPrefix range, RowMapper<T> mapper, Function<T, byte[]> path,
                                Consumer<T> action) {
        if (range != null) {
            range.bind(q);
        }
        q.map(mapper).forEach(row -> {
            if (range == null || range.matches(path.apply(row))) {
                action.accept(row);
            }
        });
    }

    private static String qualified(String alias) {
        return alias + "." + FileEntry.COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static void insert(Connection c, long backupId, List<FileEntry> entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            int pending = 0;
            for (FileEntry e : entries) {
                byte[] path = e.path();
                byte[] tail = PathPrefix.tail(path);
                int i = 1;
                ps.setLong(i++, backupId);
                ps.setBytes(i++, PathPrefix.tailKey(tail));
                ps.setString(i++, e.pathText());
                ps.setBytes(i++, PathPrefix.head(path));
                ps.setBytes(i++, tail);
                ps.setString(i++, Codes.of(e.state()));
                ps.setString(i++, String.valueOf(e.type().code()));
                ps.setLong(i++, e.size());
                ps.setInt(i++, e.mode());
                ps.setLong(i++, e.uid());
                ps.setLong(i++, e.gid());
                ps.setLong(i++, e.mtimeNs());
                ps.setLong(i++, e.ctimeNs());
                ps.setLong(i++, e.inode());
                ps.setInt(i++, e.nlink());
                ps.setLong(i++, e.rdev());
                ps.setBytes(i++, e.linkTarget());
                ps.setBytes(i++, e.xattrs());
                if (e.archiveOffset() == null) {
                    ps.setNull(i, Types.BIGINT);
                } else {
                    ps.setLong(i, e.archiveOffset());
                }
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }
}
