package org.lanfree.fs.tree;

import java.util.HashMap;
import java.util.Map;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Stat;

/**
 * Remembers the first path of each inode with more than one link until all its links have been
 * seen, so memory grows with the hard-linked files still waiting for a partner, not with the tree.
 */
final class HardLinks {

    private record Inode(long dev, long ino) {
    }

    private static final class First {
        final ByteString path;
        long linksLeft;

        First(ByteString path, long linksLeft) {
            this.path = path;
            this.linksLeft = linksLeft;
        }
    }

    private final Map<Inode, First> pending = new HashMap<>();

    /** The earlier path sharing this object's inode, or null when this is the first (or only) link. */
    ByteString firstLinkOf(ByteString path, Stat stat) {
        if (stat.isDirectory() || stat.nlink() < 2) {
            return null;
        }
        Inode key = new Inode(stat.dev(), stat.inode());
        First first = pending.get(key);
        if (first == null) {
            pending.put(key, new First(path, stat.nlink() - 1));
            return null;
        }
        if (--first.linksLeft <= 0) {
            pending.remove(key);
        }
        return first.path;
    }

    int pending() {
        return pending.size();
    }
}
