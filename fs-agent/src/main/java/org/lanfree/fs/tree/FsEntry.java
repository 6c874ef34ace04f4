package org.lanfree.fs.tree;

import java.util.List;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.FileKind;
import org.lanfree.fs.posix.Stat;
import org.lanfree.fs.posix.Xattr;

/**
 * One object found by a walk.
 *
 * @param path       relative to the walk's root; empty for the root itself
 * @param linkTarget a symlink's target, else null
 * @param hardLinkOf the path of an earlier entry sharing this one's inode, else null
 */
public record FsEntry(ByteString path, Stat stat, ByteString linkTarget, List<Xattr> xattrs, ByteString hardLinkOf) {

    public FsEntry {
        xattrs = List.copyOf(xattrs);
    }

    public FileKind kind() {
        return stat.kind();
    }

    public boolean isHardLink() {
        return hardLinkOf != null;
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(path, stat);
    }
}
