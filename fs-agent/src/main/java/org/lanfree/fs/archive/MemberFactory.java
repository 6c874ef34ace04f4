package org.lanfree.fs.archive;

import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.FileKind;
import org.lanfree.fs.posix.Stat;
import org.lanfree.fs.tree.FsEntry;

/** Turns what a walk found into archive members. */
final class MemberFactory {

    private final OwnerNames owners;

    MemberFactory(OwnerNames owners) {
        this.owners = owners;
    }

    /** The member for {@code entry} as {@code stat} describes it now ({@code fstat} of the opened file for data). */
    ArchiveEntry member(FsEntry entry, Stat stat, SparseMap sparse) {
        FileKind kind = stat.kind();
        EntryType type = entry.isHardLink() ? EntryType.HARDLINK : EntryType.of(kind);
        ByteString link = entry.isHardLink() ? entry.hardLinkOf() : entry.linkTarget();
        boolean device = type == EntryType.CHAR_DEVICE || type == EntryType.BLOCK_DEVICE;
        return new ArchiveEntry(entry.path(), type, stat.permissions(), stat.uid(), stat.gid(), owners.user(stat.uid()),
                owners.group(stat.gid()), stat.mtimeNs(), type == EntryType.FILE ? stat.size() : 0, link,
                device ? Stat.major(stat.rdev()) : 0, device ? Stat.minor(stat.rdev()) : 0, entry.xattrs(), sparse);
    }
}
