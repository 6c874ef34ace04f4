package org.lanfree.fs.archive;

import java.util.List;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Xattr;

/**
 * One archive member's metadata.
 *
 * @param path        relative, without a leading or trailing {@code /}; empty for the tree's root
 * @param permissions mode bits {@code 07777}
 * @param size        the file's size: its real size when sparse; 0 for every type but {@link EntryType#FILE}
 * @param linkTarget  a symlink's target, or the path a hard link shares its data with; else null
 * @param uname       owner's name, or empty when unknown
 * @param sparse      where the data lies when the file has holes, else null
 */
public record ArchiveEntry(ByteString path, EntryType type, int permissions, long uid, long gid, ByteString uname,
                           ByteString gname, long mtimeNs, long size, ByteString linkTarget, int devMajor, int devMinor,
                           List<Xattr> xattrs, SparseMap sparse) {

    public ArchiveEntry {
        xattrs = List.copyOf(xattrs);
        if (type != EntryType.FILE && (size != 0 || sparse != null)) {
            throw new IllegalArgumentException(type + " member " + path + " cannot carry data (size " + size + ")");
        }
        if ((type == EntryType.SYMLINK || type == EntryType.HARDLINK) && linkTarget == null) {
            throw new IllegalArgumentException(type + " member " + path + " needs a link target");
        }
        if (sparse != null && sparse.realSize() != size) {
            throw new IllegalArgumentException("member " + path + " has size " + size + " but its sparse map says "
                    + sparse.realSize());
        }
    }

    /** The bytes of data the member stores after any sparse map. */
    public long storedDataSize() {
        return sparse == null ? size : sparse.dataSize();
    }
}
