package org.lanfree.fs.tree;

import java.util.Arrays;
import java.util.List;
import org.lanfree.fs.posix.ByteString;

/** A policy's exclude patterns: an object is left out when any of them matches. */
public record Excludes(List<ExcludePattern> patterns) {

    public static final Excludes NONE = new Excludes(List.of());

    public Excludes {
        patterns = List.copyOf(patterns);
    }

    public static Excludes of(String... patterns) {
        return new Excludes(Arrays.stream(patterns).map(ExcludePattern::of).toList());
    }

    public boolean excludes(ByteString path, boolean isDirectory) {
        for (ExcludePattern p : patterns) {
            if (p.matches(path, isDirectory)) {
                return true;
            }
        }
        return false;
    }
}
