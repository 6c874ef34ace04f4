package org.lanfree.fs.restore;

import java.util.ArrayList;
import java.util.List;
import org.lanfree.fs.archive.ArchiveEntry;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Errno;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.posix.PosixException;
import org.lanfree.fs.posix.Stat;

/**
 * The open folders from the target down to where the restore is writing. Moving to another folder
 * closes the ones left, first giving each its metadata (so a folder's times are set after its
 * contents), and opens the ones entered without following symlinks, creating missing ones with
 * mode 0700 until their own member, if any, says otherwise (or, for a cursor that must not create,
 * failing). A folder that was already there and gets no member keeps the mode and times it had
 * when entered: an incremental that writes into an unchanged folder, or a deletion, leaves it as
 * the last backup that recorded it says. Descriptors open: one per level.
 */
final class DirectoryCursor implements AutoCloseable {

    private static final int DIR_FLAGS = Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.NOFOLLOW;

    private static final class Frame {
        final ByteString name;
        final Fd fd;
        final Stat before;
        ArchiveEntry metadata;

        Frame(ByteString name, Fd fd, Stat before) {
            this.name = name;
            this.fd = fd;
            this.before = before;
        }
    }

    private final List<Frame> stack = new ArrayList<>();
    private final MetadataApplier metadata;
    private final boolean create;
    private final boolean root = Posix.isRoot();

    /** A cursor that creates the folders it is asked to enter. */
    DirectoryCursor(Fd target, MetadataApplier metadata) throws PosixException {
        this(target, metadata, true);
    }

    DirectoryCursor(Fd target, MetadataApplier metadata, boolean create) throws PosixException {
        this.metadata = metadata;
        this.create = create;
        stack.add(new Frame(ByteString.EMPTY, target, existing(target)));
    }

    /** The folder made of the first {@code n} components, opened (and created, if this cursor may) as needed. */
    Fd enter(List<ByteString> components, int n) throws PosixException {
        int common = 0;
        while (common < n && common + 1 < stack.size() && stack.get(common + 1).name.equals(components.get(common))) {
            common++;
        }
        while (stack.size() > common + 1) {
            leave();
        }
        for (int i = common; i < n; i++) {
            Fd parent = stack.getLast().fd;
            ByteString name = components.get(i);
            Fd fd;
            Stat before = null;
            try {
                fd = Posix.openAt(parent, name, DIR_FLAGS, 0);
                before = existing(fd);
            } catch (PosixException e) {
                if (e.errno() != Errno.ENOENT || !create) {
                    throw e;
                }
                Posix.mkdirAt(parent, name, 0700);
                fd = Posix.openAt(parent, name, DIR_FLAGS, 0);
            }
            stack.add(new Frame(name, fd, before));
        }
        return stack.getLast().fd;
    }

    /** Keeps {@code e} to be applied to the current folder when the restore leaves it. */
    void setMetadata(ArchiveEntry e) {
        stack.getLast().metadata = e;
    }

    /** The state of a folder found in place; made writable when running as a user, so it can be written into. */
    private Stat existing(Fd fd) throws PosixException {
        Stat st = Posix.stat(fd);
        if (!root && (st.permissions() & 0700) != 0700) {
            Posix.chmod(fd, st.permissions() | 0700);
        }
        return st;
    }

    private void leave() throws PosixException {
        Frame frame = stack.removeLast();
        try {
            settle(frame);
        } finally {
            frame.fd.close();
        }
    }

    private void settle(Frame frame) throws PosixException {
        if (frame.metadata != null) {
            metadata.apply(frame.fd, frame.metadata);
            frame.metadata = null;
        } else if (frame.before != null) {
            if (!root && (frame.before.permissions() & 0700) != 0700) {
                Posix.chmod(frame.fd, frame.before.permissions());
            }
            Posix.setTimes(frame.fd, frame.before.atimeNs(), frame.before.mtimeNs());
        }
    }

    /** Leaves every folder, the target last, applying their metadata. Idempotent; the target stays open. */
    @Override
    public void close() throws PosixException {
        while (stack.size() > 1) {
            leave();
        }
        Frame target = stack.getFirst();
        if (target.fd.isOpen()) {
            settle(target);
            stack.set(0, new Frame(target.name, target.fd, null));
        }
    }
}
