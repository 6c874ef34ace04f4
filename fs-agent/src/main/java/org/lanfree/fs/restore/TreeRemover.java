package org.lanfree.fs.restore;

import java.util.ArrayList;
import java.util.List;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.DirectoryListing;
import org.lanfree.fs.posix.Errno;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.posix.PosixException;
import org.lanfree.fs.posix.Stat;

/**
 * Removes an object by name in a folder, a folder with everything under it. Every folder is opened
 * relative to its parent's descriptor without following symlinks, so a symlink is removed, never
 * what it points to, and nothing outside the given folder is touched. Iterative, so depth costs no
 * stack; memory is one listing and one descriptor per level.
 */
final class TreeRemover {

    private static final int DIR_FLAGS = Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.NOFOLLOW;

    private record Level(ByteString name, Fd fd, List<ByteString> names, int[] next) {
    }

    private final boolean root = Posix.isRoot();

    /** Removes {@code parent/name}; false when there was nothing by that name. */
    boolean remove(Fd parent, ByteString name) throws PosixException {
        Stat st;
        try {
            st = Posix.statAt(parent, name);
        } catch (PosixException e) {
            if (e.errno() == Errno.ENOENT) {
                return false;
            }
            throw e;
        }
        if (!st.isDirectory()) {
            Posix.unlinkAt(parent, name, false);
            return true;
        }
        List<Level> stack = new ArrayList<>();
        try {
            stack.add(open(parent, name, st));
            while (!stack.isEmpty()) {
                Level top = stack.getLast();
                if (top.next[0] == top.names.size()) {
                    stack.removeLast().fd.close();
                    Posix.unlinkAt(stack.isEmpty() ? parent : stack.getLast().fd, top.name, true);
                    continue;
                }
                ByteString child = top.names.get(top.next[0]++);
                Stat cs = Posix.statAt(top.fd, child);
                if (cs.isDirectory()) {
                    stack.add(open(top.fd, child, cs));
                } else {
                    Posix.unlinkAt(top.fd, child, false);
                }
            }
        } finally {
            for (Level level : stack) {
                level.fd.close();
            }
        }
        return true;
    }

    private Level open(Fd parent, ByteString name, Stat st) throws PosixException {
        if (!root && (st.permissions() & 0700) != 0700) {
            // a user needs to list and write a folder to empty it
            Posix.chmodAt(parent, name, 0700);
        }
        Fd fd = Posix.openAt(parent, name, DIR_FLAGS, 0);
        try {
            return new Level(name, fd, DirectoryListing.names(fd), new int[1]);
        } catch (PosixException e) {
            fd.close();
            throw e;
        }
    }
}
