package org.lanfree.fs.tree;

import java.util.Arrays;
import org.lanfree.fs.posix.ByteString;

/**
 * A glob over the bytes of a path relative to the walk's root.
 * <ul>
 * <li>{@code *} matches any bytes but {@code /}; {@code **} matches any bytes, {@code /} included;
 * {@code ?} matches one byte but {@code /}; {@code [a-z]} one byte of a set, {@code [!a-z]} or
 * {@code [^a-z]} one byte outside it; {@code \} makes the next byte literal.</li>
 * <li>A pattern without {@code /} matches the last component at any depth ({@code *.o}); with a
 * {@code /} it matches the whole relative path ({@code build/tmp}, a leading {@code /} ignored).</li>
 * <li>A trailing {@code /} restricts the pattern to directories ({@code cache/}).</li>
 * </ul>
 * An excluded directory is not entered, so everything under it is left out too.
 */
public final class ExcludePattern {

    private final ByteString text;
    private final byte[] glob;
    private final boolean anchored;
    private final boolean directoriesOnly;

    private ExcludePattern(ByteString text, byte[] glob, boolean anchored, boolean directoriesOnly) {
        this.text = text;
        this.glob = glob;
        this.anchored = anchored;
        this.directoriesOnly = directoriesOnly;
    }

    public static ExcludePattern of(String pattern) {
        return of(ByteString.of(pattern));
    }

    public static ExcludePattern of(ByteString pattern) {
        byte[] b = pattern.toByteArray();
        int start = 0;
        int end = b.length;
        boolean dirOnly = false;
        while (end > start && b[end - 1] == '/') {
            dirOnly = true;
            end--;
        }
        while (start < end && b[start] == '/') {
            start++;
        }
        if (start == end) {
            throw new IllegalArgumentException("exclude pattern '" + pattern + "' matches nothing; HINT: give a name or a"
                    + " path relative to the backup's root, such as '*.tmp' or 'var/cache/'");
        }
        byte[] glob = Arrays.copyOfRange(b, start, end);
        boolean anchored = ByteString.of(glob).indexOf((byte) '/', 0) >= 0 || start > 0;
        return new ExcludePattern(pattern, glob, anchored, dirOnly);
    }

    public boolean matches(ByteString path, boolean isDirectory) {
        if (directoriesOnly && !isDirectory) {
            return false;
        }
        byte[] subject = (anchored ? path : path.fileName()).toByteArray();
        return match(glob, 0, subject, 0);
    }

    /** Backtracking glob match; patterns are short, so the cost stays small. */
    private static boolean match(byte[] p, int pi, byte[] s, int si) {
        while (pi < p.length) {
            byte c = p[pi];
            if (c == '*') {
                boolean any = pi + 1 < p.length && p[pi + 1] == '*';
                int next = any ? pi + 2 : pi + 1;
                for (int k = si; k <= s.length; k++) {
                    if (match(p, next, s, k)) {
                        return true;
                    }
                    if (k < s.length && s[k] == '/' && !any) {
                        return false;
                    }
                }
                return false;
            }
            if (si >= s.length) {
                return false;
            }
            if (c == '?') {
                if (s[si] == '/') {
                    return false;
                }
                pi++;
            } else if (c == '[') {
                int close = classEnd(p, pi);
                if (close < 0) {
                    if (s[si] != '[') {
                        return false;
                    }
                    pi++;
                } else {
                    if (s[si] == '/' || !inClass(p, pi + 1, close, s[si])) {
                        return false;
                    }
                    pi = close + 1;
                }
            } else {
                if (c == '\\' && pi + 1 < p.length) {
                    pi++;
                    c = p[pi];
                }
                if (s[si] != c) {
                    return false;
                }
                pi++;
            }
            si++;
        }
        return si == s.length;
    }

    /** The index of the {@code ]} closing the class opened at {@code open}, or -1. */
    private static int classEnd(byte[] p, int open) {
        int i = open + 1;
        if (i < p.length && (p[i] == '!' || p[i] == '^')) {
            i++;
        }
        if (i < p.length && p[i] == ']') {
            i++;
        }
        for (; i < p.length; i++) {
            if (p[i] == ']') {
                return i;
            }
        }
        return -1;
    }

    private static boolean inClass(byte[] p, int from, int close, byte b) {
        boolean negate = p[from] == '!' || p[from] == '^';
        int i = negate ? from + 1 : from;
        int v = b & 0xff;
        boolean found = false;
        boolean first = true;
        while (i < close) {
            int lo = p[i] & 0xff;
            if (lo == ']' && !first) {
                break;
            }
            first = false;
            if (i + 2 < close && p[i + 1] == '-') {
                int hi = p[i + 2] & 0xff;
                found |= v >= lo && v <= hi;
                i += 3;
            } else {
                found |= v == lo;
                i++;
            }
        }
        return found != negate;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
