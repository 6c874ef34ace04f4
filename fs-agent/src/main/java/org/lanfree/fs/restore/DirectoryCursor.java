package org.lanfree.fs.restore;

import java.util.ArrayList;
import java.util.List;
import org.lanfree.fs.archive.ArchiveEntry;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Errno;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.posix.PosixException;

/**
 * The open folders from the target down to where the restore is writing. Moving to another folder
 * closes the ones left, first giving each its metadata (so a folder's times are set after its
 * contents), and opens the ones entered without following symlinks, creating missing ones with
 * mode 0700 until their own member, if any, says otherwise. Descriptors open: one per level.
 */
final class DirectoryCursor implements AutoCloseable {

    private static final int DIR_FLAGS = Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.NOFOLLOW;

    private static final class Frame {
        final ByteString name;
        final Fd fd;
        ArchiveEntry metadata;

        Frame(ByteString name, Fd fd) {
            this.name = name;
            this.fd = fd;
        }
    }

    private final List<Frame> stack = new ArrayList<>();
    private final MetadataApplier metadata;

    DirectoryCursor(Fd target, MetadataApplier metadata) {
        this.metadata = metadata;
        stack.add(new Frame(ByteString.EMPTY, target));
    }

    /** The folder made of the first {@code n} components, opened (and created) as needed. */
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
            try {
                fd = Posix.openAt(parent, name, DIR_FLAGS, 0);
            } catch (PosixException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
                Posix.mkdirAt(parent, name, 0700);
                fd = Posix.openAt(parent, name, DIR_FLAGS, 0);
            }
            stack.add(new Frame(name, fd));
        }
        return stack.getLast().fd;
    }

    /** Keeps {@code e} to be applied to the current folder when the restore leaves it. */
    void setMetadata(ArchiveEntry e) {
        stack.getLast().metadata = e;
    }

    private void leave() throws PosixException {
        Frame frame = stack.removeLast();
        try {
            if (frame.metadata != null) {
                metadata.apply(frame.fd, frame.metadata);
            }
        } finally {
            frame.fd.close();
        }
    }

    /** Leaves every folder, the target last, applying their metadata. */
    @Override
    public void close() throws PosixException {
        while (stack.size() > 1) {
            leave();
        }
        Frame root = stack.getFirst();
        if (root.metadata != null) {
            metadata.apply(root.fd, root.metadata);
            root.metadata = null;
        }
    }
}
