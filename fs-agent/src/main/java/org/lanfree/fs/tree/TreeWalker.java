package org.lanfree.fs.tree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.DirectoryListing;
import org.lanfree.fs.posix.Errno;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.FileKind;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.posix.PosixException;
import org.lanfree.fs.posix.Stat;
import org.lanfree.fs.posix.Xattr;
import org.lanfree.fs.posix.Xattrs;

/**
 * Walks a tree depth first, a directory before its contents, siblings in byte order of their
 * names ({@link TreeOrder}). Memory is bounded by the depth and by the largest single directory's
 * names, never by the tree: one listing per open level, and at most {@link #OPEN_DIRECTORIES}
 * directory descriptors (deeper levels close their ancestors' and reopen them by name, checking
 * device and inode, when the walk climbs back). Symlinks are never followed; an object that
 * vanishes or cannot be read is a warning and the walk goes on.
 */
public final class TreeWalker {

    static final int OPEN_DIRECTORIES = 64;
    private static final int DIR_FLAGS = Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.NOFOLLOW;

    private final WalkOptions options;
    private final Warnings warnings;
    private final HardLinks hardLinks = new HardLinks();
    private boolean noAtime = true;

    /** One directory being listed. */
    private static final class Level {
        final ByteString path;
        final ByteString name;
        final long dev;
        final long inode;
        final List<ByteString> names;
        Fd fd;
        int next;

        Level(ByteString path, ByteString name, Stat stat, Fd fd, List<ByteString> names) {
            this.path = path;
            this.name = name;
            this.dev = stat.dev();
            this.inode = stat.inode();
            this.fd = fd;
            this.names = names;
        }
    }

    public TreeWalker(WalkOptions options, Warnings warnings) {
        this.options = options;
        this.warnings = warnings;
    }

    /** Walks the directory {@code root} (followed if it is a symlink), visiting it first as the entry with an empty path. */
    public void walk(ByteString root, Visit.Visitor visitor) throws IOException {
        Fd rootFd = Posix.open(root, Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.O_CLOEXEC);
        List<Level> stack = new ArrayList<>();
        try {
            Stat rootStat = Posix.stat(rootFd);
            List<Xattr> rootXattrs = options.xattrs() ? Xattrs.list(rootFd) : List.of();
            FsEntry rootEntry = new FsEntry(ByteString.EMPTY, rootStat, null, rootXattrs, null);
            visitor.visit(new RootVisit(rootEntry, root));
            stack.add(new Level(ByteString.EMPTY, ByteString.EMPTY, rootStat, rootFd, sorted(rootFd)));
            while (!stack.isEmpty()) {
                Level top = stack.getLast();
                if (top.next == top.names.size()) {
                    stack.removeLast().fd.close();
                    continue;
                }
                ByteString name = top.names.get(top.next++);
                ensureOpen(stack);
                Level child = visitChild(top, name, rootStat.dev(), visitor);
                if (child != null) {
                    stack.add(child);
                    limitOpenDirectories(stack);
                }
            }
        } finally {
            for (Level level : stack) {
                closeQuietly(level.fd);
            }
            closeQuietly(rootFd);
        }
    }

    /** Visits {@code parent/name}; returns the level to descend into, or null. */
    private Level visitChild(Level parent, ByteString name, long rootDev, Visit.Visitor visitor) throws IOException {
        ByteString path = parent.path.resolve(name);
        Stat stat;
        try {
            stat = Posix.statAt(parent.fd, name);
        } catch (PosixException e) {
            warnings.warn(path, e.vanished() ? "vanished before it could be read" : e.getMessage());
            return null;
        }
        boolean directory = stat.isDirectory();
        if (options.excludes().excludes(path, directory)) {
            return null;
        }
        ByteString target = null;
        if (stat.kind() == FileKind.SYMLINK) {
            try {
                target = Posix.readLinkAt(parent.fd, name);
            } catch (PosixException e) {
                warnings.warn(path, e.vanished() ? "vanished before it could be read" : e.getMessage());
                return null;
            }
        }
        List<Xattr> xattrs = List.of();
        if (options.xattrs()) {
            try {
                xattrs = Xattrs.listAt(parent.fd, name);
            } catch (PosixException e) {
                if (e.vanished()) {
                    warnings.warn(path, "vanished before it could be read");
                    return null;
                }
                warnings.warn(path, "extended attributes left out: " + e.getMessage());
            }
        }
        FsEntry entry = new FsEntry(path, stat, target, xattrs, hardLinks.firstLinkOf(path, stat));
        visitor.visit(new ChildVisit(entry, parent.fd, name));
        if (!directory || (options.oneFileSystem() && stat.dev() != rootDev)) {
            return null;
        }
        return enter(parent.fd, name, path, stat);
    }

    private Level enter(Fd parent, ByteString name, ByteString path, Stat stat) {
        Fd fd = null;
        try {
            fd = Posix.openAt(parent, name, DIR_FLAGS, 0);
            Stat opened = Posix.stat(fd);
            if (opened.dev() != stat.dev() || opened.inode() != stat.inode()) {
                warnings.warn(path, "was replaced while the walk reached it; its contents are left out");
                fd.close();
                return null;
            }
            return new Level(path, name, stat, fd, sorted(fd));
        } catch (PosixException e) {
            closeQuietly(fd);
            warnings.warn(path, (e.vanished() ? "vanished before its contents could be read" : "contents left out: "
                    + e.getMessage()));
            return null;
        }
    }

    private static List<ByteString> sorted(Fd dir) throws PosixException {
        List<ByteString> names = DirectoryListing.names(dir);
        names.sort(null);
        return names;
    }

    /** Closes the outermost open descriptors (not the root's) when too many are open. */
    private static void limitOpenDirectories(List<Level> stack) {
        int open = 0;
        for (Level level : stack) {
            if (level.fd.isOpen()) {
                open++;
            }
        }
        for (int i = 1; open > OPEN_DIRECTORIES && i < stack.size() - 1; i++) {
            Level level = stack.get(i);
            if (level.fd.isOpen()) {
                closeQuietly(level.fd);
                open--;
            }
        }
    }

    /**
     * Reopens the top level's descriptor, by name from the nearest open ancestor, if it was closed;
     * the levels on the way are closed again so that the limit holds.
     */
    private static void ensureOpen(List<Level> stack) throws IOException {
        int top = stack.size() - 1;
        if (stack.get(top).fd.isOpen()) {
            return;
        }
        int open = top;
        while (!stack.get(open).fd.isOpen()) {
            open--;
        }
        Fd current = stack.get(open).fd;
        for (int i = open + 1; i <= top; i++) {
            Level level = stack.get(i);
            Fd fd = Posix.openAt(current, level.name, DIR_FLAGS, 0);
            if (i - 1 > open) {
                current.close();
            }
            Stat st = Posix.stat(fd);
            if (st.dev() != level.dev || st.inode() != level.inode) {
                fd.close();
                throw new IOException("directory " + level.path + " was replaced while its contents were walked"
                        + " (device/inode " + level.dev + "/" + level.inode + ", now " + st.dev() + "/" + st.inode()
                        + "); HINT: run the backup again when the tree is quiet");
            }
            current = fd;
        }
        stack.get(top).fd = current;
    }

    private Fd openForReading(Fd parent, ByteString name) throws PosixException {
        int flags = Posix.O_RDONLY | Posix.NOFOLLOW | Posix.O_NONBLOCK;
        if (noAtime) {
            try {
                return Posix.openAt(parent, name, flags | Posix.O_NOATIME, 0);
            } catch (PosixException e) {
                if (e.errno() != Errno.EPERM) {
                    throw e;
                }
                noAtime = false; // O_NOATIME needs ownership or CAP_FOWNER
            }
        }
        return Posix.openAt(parent, name, flags, 0);
    }

    private static void closeQuietly(Fd fd) {
        if (fd != null) {
            try {
                fd.close();
            } catch (PosixException ignored) {
                // a failed close of a descriptor only read from loses nothing
            }
        }
    }

    private final class ChildVisit implements Visit {
        private final FsEntry entry;
        private final Fd parent;
        private final ByteString name;

        ChildVisit(FsEntry entry, Fd parent, ByteString name) {
            this.entry = entry;
            this.parent = parent;
            this.name = name;
        }

        @Override
        public FsEntry entry() {
            return entry;
        }

        @Override
        public Fd open() throws IOException {
            return openForReading(parent, name);
        }
    }

    private record RootVisit(FsEntry entry, ByteString root) implements Visit {
        @Override
        public Fd open() throws IOException {
            return Posix.open(root, Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.O_CLOEXEC);
        }
    }
}
