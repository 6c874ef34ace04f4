package org.lanfree.fs.tree;

import java.util.ArrayList;
import java.util.List;
import org.lanfree.fs.posix.ByteString;

/** Keeps the first warnings of a job (up to a limit, so memory stays bounded) and counts all of them. */
public final class WarningList implements Warnings {

    /** One warning: the object's path and what went wrong. */
    public record Warning(ByteString path, String problem) {
        @Override
        public String toString() {
            return (path.isEmpty() ? "." : path) + ": " + problem;
        }
    }

    private final int limit;
    private final List<Warning> kept = new ArrayList<>();
    private long count;

    public WarningList(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void warn(ByteString path, String problem) {
        count++;
        if (kept.size() < limit) {
            kept.add(new Warning(path, problem));
        }
    }

    public synchronized long count() {
        return count;
    }

    public synchronized List<Warning> kept() {
        return List.copyOf(kept);
    }

    @Override
    public synchronized String toString() {
        return count + " warnings" + (kept.isEmpty() ? "" : ", first: " + kept.getFirst());
    }
}
