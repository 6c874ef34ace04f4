package org.lanfree.media.catalog;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One file system object in a file-tree backup. {@code path} and {@code linkTarget} are the
 * exact bytes the agent read (not necessarily UTF-8); {@code xattrs} is the agent's encoding of
 * the extended attributes, kept as given. {@code archiveOffset} is where the object's tar header
 * starts in the backup's uncompressed archive; null for a deletion.
 *
 * @param nlink for hard links, with {@code inode}: objects sharing an inode are one file
 * @param rdev  the device number of a character or block device
 */
public record FileEntry(byte[] path, State state, Type type, long size, int mode, long uid, long gid, long mtimeNs,
                        long ctimeNs, long inode, int nlink, long rdev, byte[] linkTarget, byte[] xattrs,
                        Long archiveOffset) {

    /** What happened to the object since the parent backup; a full backup only adds. */
    public enum State {
        ADDED,
        CHANGED,
        DELETED
    }

    /** The object's kind, stored as the letter {@code ls -l} shows ('h' is a hard link to {@code linkTarget}). */
    public enum Type {
        FILE('f'),
        DIRECTORY('d'),
        SYMLINK('l'),
        HARDLINK('h'),
        FIFO('p'),
        SOCKET('s'),
        CHAR_DEVICE('c'),
        BLOCK_DEVICE('b');

        private final char code;

        Type(char code) {
            this.code = code;
        }

        public char code() {
            return code;
        }

        public static Type ofCode(String code) {
            for (Type t : values()) {
                if (code != null && code.length() == 1 && code.charAt(0) == t.code) {
                    return t;
                }
            }
            throw new CatalogException("the catalog holds file type '" + code + "', expected one of f d l h p s c b;"
                    + " HINT: the catalog was written by a newer lanfree", false);
        }
    }

    public FileEntry {
        if (path == null || path.length == 0) {
            throw CatalogException.refused("file entry without a path");
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(type, "type");
        path = path.clone();
        linkTarget = linkTarget == null ? null : linkTarget.clone();
        xattrs = xattrs == null ? null : xattrs.clone();
    }

    /** A deletion recorded by an incremental backup. */
    public static FileEntry deleted(byte[] path, Type type) {
        return new FileEntry(path, State.DELETED, type, 0, 0, 0, 0, 0, 0, 0, 1, 0, null, null, null);
    }

    @Override
    public byte[] path() {
        return path.clone();
    }

    @Override
    public byte[] linkTarget() {
        return linkTarget == null ? null : linkTarget.clone();
    }

    @Override
    public byte[] xattrs() {
        return xattrs == null ? null : xattrs.clone();
    }

    /** The path for display: invalid UTF-8 shown as U+FFFD. */
    public String pathText() {
        return new String(path, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileEntry f && Arrays.equals(path, f.path) && state == f.state && type == f.type
                && size == f.size && mode == f.mode && uid == f.uid && gid == f.gid && mtimeNs == f.mtimeNs
                && ctimeNs == f.ctimeNs && inode == f.inode && nlink == f.nlink && rdev == f.rdev
                && Arrays.equals(linkTarget, f.linkTarget) && Arrays.equals(xattrs, f.xattrs)
                && Objects.equals(archiveOffset, f.archiveOffset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(path), state, type, size, mtimeNs, inode);
    }

    @Override
    public String toString() {
        return "FileEntry[" + pathText() + " " + type.code + " " + Codes.of(state)
                + " size=" + size + " mode=" + Integer.toOctalString(mode) + " uid=" + uid + " gid=" + gid
                + " mtimeNs=" + mtimeNs + " inode=" + inode + "]";
    }

    static final String COLUMNS = "path_head, path_tail, state, type, size, mode, uid, gid, mtime_ns, ctime_ns, inode,"
            + " nlink, rdev, link_target, xattrs, archive_offset";

    static FileEntry read(ResultSet rs) throws SQLException {
        byte[] path = PathPrefix.join(rs.getBytes("path_head"), rs.getBytes("path_tail"));
        return new FileEntry(path, Rows.code(rs, "state", State.class), Type.ofCode(rs.getString("type")),
                rs.getLong("size"), rs.getInt("mode"), rs.getLong("uid"), rs.getLong("gid"), rs.getLong("mtime_ns"),
                rs.getLong("ctime_ns"), rs.getLong("inode"), rs.getInt("nlink"), rs.getLong("rdev"),
                rs.getBytes("link_target"), rs.getBytes("xattrs"), Rows.longOrNull(rs, "archive_offset"));
    }
}
