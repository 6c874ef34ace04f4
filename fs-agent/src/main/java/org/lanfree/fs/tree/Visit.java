package org.lanfree.fs.tree;

import java.io.IOException;
import org.lanfree.fs.posix.Fd;

/** What a {@link TreeWalker} hands its visitor: the entry, and a way to open it while the visit lasts. */
public interface Visit {

    FsEntry entry();

    /**
     * Opens the entry for reading without following a symlink (and without touching its access
     * time where the kernel allows). Valid only during the visit; the caller closes the result.
     */
    Fd open() throws IOException;

    /** The visitor of a walk, called once per entry in {@link TreeOrder}. */
    @FunctionalInterface
    interface Visitor {
        void visit(Visit visit) throws IOException;
    }
}
