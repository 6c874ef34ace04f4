package org.lanfree.fs.restore;

import org.lanfree.fs.archive.ArchiveEntry;
import org.lanfree.fs.archive.EntryType;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.posix.PosixException;
import org.lanfree.fs.posix.Xattr;
import org.lanfree.fs.posix.Xattrs;
import org.lanfree.fs.tree.Warnings;

/**
 * Gives a restored object its owner, xattrs, mode and times, in that order: chown clears set-id
 * bits and file capabilities, so mode and xattrs come after it, and times come last because the
 * others change ctime only. Each failure is a warning of its own; the others are still applied.
 * The access time is set to the modification time (the archive does not carry it).
 */
final class MetadataApplier {

    private final boolean owners;
    private final Warnings warnings;

    MetadataApplier(boolean owners, Warnings warnings) {
        this.owners = owners;
        this.warnings = warnings;
    }

    /** Through an open descriptor: regular files and folders. */
    void apply(Fd fd, ArchiveEntry e) {
        if (owners) {
            attempt(e.path(), "owner", () -> Posix.chown(fd, e.uid(), e.gid()));
        }
        for (Xattr x : e.xattrs()) {
            attempt(e.path(), "extended attribute " + x.name(), () -> Xattrs.set(fd, x));
        }
        attempt(e.path(), "mode", () -> Posix.chmod(fd, e.permissions()));
        attempt(e.path(), "times", () -> Posix.setTimes(fd, e.mtimeNs(), e.mtimeNs()));
    }

    /** By name in a folder, never following a symlink: symlinks, FIFOs, sockets, devices, hard links. */
    void apply(Fd parent, ByteString name, ArchiveEntry e) {
        if (owners) {
            attempt(e.path(), "owner", () -> Posix.chownAt(parent, name, e.uid(), e.gid()));
        }
        for (Xattr x : e.xattrs()) {
            attempt(e.path(), "extended attribute " + x.name(), () -> Xattrs.setAt(parent, name, x));
        }
        if (e.type() != EntryType.SYMLINK) {
            attempt(e.path(), "mode", () -> Posix.chmodAt(parent, name, e.permissions()));
        }
        attempt(e.path(), "times", () -> Posix.setTimesAt(parent, name, e.mtimeNs(), e.mtimeNs()));
    }

    private interface Call {
        void run() throws PosixException;
    }

    private void attempt(ByteString path, String what, Call call) {
        try {
            call.run();
        } catch (PosixException e) {
            warnings.warn(path, what + " not restored: " + e.getMessage());
        }
    }
}
