package org.lanfree.media.catalog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.jdbi.v3.core.statement.Query;

/**
 * How paths are keyed and how "everything under P" becomes an index range on both databases
 * (which compare bytes unsigned). A path is stored as its first {@link #HEAD} bytes and the
 * rest; for P shorter than that, the range on the head is exact: P itself, and heads from
 * {@code P/} up to but not including {@code P0} ('0' follows '/'). For a deeper P every match
 * shares one head, and {@link #matches} filters the rows. A trailing slash is ignored; "/"
 * selects every absolute path.
 */
final class PathPrefix {

    /** Bytes of a path kept in the indexed head. */
    static final int HEAD = 1024;
    private static final byte[] EMPTY = new byte[0];

    private final byte[] prefix;
    private final byte[] exact;
    private final byte[] from;
    private final byte[] below;

    private PathPrefix(byte[] prefix, byte[] exact, byte[] from, byte[] below) {
        this.prefix = prefix;
        this.exact = exact;
        this.from = from;
        this.below = below;
    }

    /** The range for {@code prefix}, or null to select every path. */
    static PathPrefix of(byte[] prefix) {
        if (prefix == null || prefix.length == 0) {
            return null;
        }
        int end = prefix.length;
        while (end > 1 && prefix[end - 1] == '/') {
            end--;
        }
        byte[] p = Arrays.copyOf(prefix, end);
        if (p.length >= HEAD) {
            return new PathPrefix(p, head(p), null, null);
        }
        if (p.length == 1 && p[0] == '/') {
            return new PathPrefix(p, p, p, new byte[] {'/' + 1});
        }
        byte[] from = Arrays.copyOf(p, p.length + 1);
        from[p.length] = '/';
        byte[] below = Arrays.copyOf(p, p.length + 1);
        below[p.length] = '/' + 1;
        return new PathPrefix(p, p, from, below);
    }

    /** The SQL condition on {@code alias.path_head}, starting with " AND". */
    String condition(String alias) {
        String head = alias + ".path_head";
        return from == null
                ? " AND " + head + " = :exact"
                : " AND (" + head + " = :exact OR (" + head + " >= :from AND " + head + " < :below))";
    }

    void bind(Query q) {
        q.bind("exact", exact);
        if (from != null) {
            q.bind("from", from).bind("below", below);
        }
    }

    /** True when {@code path} is the prefix or lies under it. */
    boolean matches(byte[] path) {
        if (from != null) {
            return true;
        }
        if (path.length < prefix.length || !Arrays.equals(path, 0, prefix.length, prefix, 0, prefix.length)) {
            return false;
        }
        return path.length == prefix.length || path[prefix.length] == '/';
    }

    static byte[] head(byte[] path) {
        return path.length <= HEAD ? path : Arrays.copyOf(path, HEAD);
    }

    static byte[] tail(byte[] path) {
        return path.length <= HEAD ? EMPTY : Arrays.copyOfRange(path, HEAD, path.length);
    }

    /** The key part that tells long paths with one head apart: SHA-256 of the tail, empty for an empty tail. */
    static byte[] tailKey(byte[] tail) {
        if (tail.length == 0) {
            return EMPTY;
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(tail);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    static byte[] join(byte[] head, byte[] tail) {
        if (tail == null || tail.length == 0) {
            return head;
        }
        byte[] path = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, path, head.length, tail.length);
        return path;
    }
}
