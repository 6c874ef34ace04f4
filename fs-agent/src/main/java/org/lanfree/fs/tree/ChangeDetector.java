package org.lanfree.fs.tree;

import java.util.Iterator;
import java.util.function.Consumer;
import org.lanfree.fs.posix.ByteString;

/**
 * Compares a walk with the previous backup's fingerprints, both in {@link TreeOrder}, as a merge:
 * memory stays fixed and no file is read. Call {@link #classify} for each walked entry in walk
 * order, then {@link #finish}; each previous path not walked again is passed to the deletion
 * consumer as soon as the walk has gone past it. A rename shows as a deletion and an addition.
 */
public final class ChangeDetector {

    /** What became of a walked object since the previous backup. */
    public enum Change {
        ADDED,
        CHANGED,
        UNCHANGED
    }

    private final Iterator<Fingerprint> previous;
    private final Consumer<Fingerprint> deleted;
    private Fingerprint pending;
    private ByteString last;

    public ChangeDetector(Iterator<Fingerprint> previous, Consumer<Fingerprint> deleted) {
        this.previous = previous;
        this.deleted = deleted;
        advance();
    }

    public Change classify(Fingerprint current) {
        while (pending != null && TreeOrder.INSTANCE.compare(pending.path(), current.path()) < 0) {
            deleted.accept(pending);
            advance();
        }
        if (pending != null && pending.path().equals(current.path())) {
            Change change = pending.sameAs(current) ? Change.UNCHANGED : Change.CHANGED;
            advance();
            return change;
        }
        return Change.ADDED;
    }

    /** Reports the previous paths after the walk's last one as deleted. */
    public void finish() {
        while (pending != null) {
            deleted.accept(pending);
            advance();
        }
    }

    private void advance() {
        pending = previous.hasNext() ? previous.next() : null;
        if (pending != null) {
            if (last != null && TreeOrder.INSTANCE.compare(last, pending.path()) >= 0) {
                throw new IllegalArgumentException("previous backup's entries are not in tree order: " + pending.path()
                        + " comes after " + last + "; HINT: list them sorted with TreeOrder");
            }
            last = pending.path();
        }
    }
}
