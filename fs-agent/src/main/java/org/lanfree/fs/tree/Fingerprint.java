package org.lanfree.fs.tree;

import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.FileKind;
import org.lanfree.fs.posix.Stat;

/**
 * What a backup remembers of an object to decide, at the next backup, whether it changed: the
 * facts restic and borg compare. {@code mode} holds type and permission bits.
 */
public record Fingerprint(ByteString path, long size, long mtimeNs, long ctimeNs, long inode, int mode, long uid, long gid) {

    public static Fingerprint of(ByteString path, Stat stat) {
        return new Fingerprint(path, stat.size(), stat.mtimeNs(), stat.ctimeNs(), stat.inode(), stat.mode(), stat.uid(),
                stat.gid());
    }

    public FileKind kind() {
        return FileKind.ofMode(mode);
    }

    /** True when every remembered fact but the path is the same. */
    public boolean sameAs(Fingerprint other) {
        return size == other.size && mtimeNs == other.mtimeNs && ctimeNs == other.ctimeNs && inode == other.inode
                && mode == other.mode && uid == other.uid && gid == other.gid;
    }
}
