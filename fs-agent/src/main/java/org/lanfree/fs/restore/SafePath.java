package org.lanfree.fs.restore;

import java.util.ArrayList;
import java.util.List;
import org.lanfree.fs.posix.ByteString;

/**
 * Splits an archive path into the components a restore creates under its target, refusing what
 * could lead outside it: an absolute path, a {@code ..} component, a NUL byte. {@code .} and
 * empty components are dropped.
 */
final class SafePath {

    private SafePath() {
    }

    /** The components, or null when the path is unsafe (then {@link #problem} says why). */
    static List<ByteString> components(ByteString path) {
        return problem(path) == null ? split(path) : null;
    }

    static String problem(ByteString path) {
        if (!path.isEmpty() && path.byteAt(0) == '/') {
            return "is absolute; a restore writes only under its target";
        }
        if (path.indexOf((byte) 0, 0) >= 0) {
            return "holds a NUL byte";
        }
        for (ByteString c : split(path)) {
            if (c.length() == 2 && c.byteAt(0) == '.' && c.byteAt(1) == '.') {
                return "holds a '..' component that could lead outside the target";
            }
        }
        return null;
    }

    private static List<ByteString> split(ByteString path) {
        List<ByteString> out = new ArrayList<>();
        int start = 0;
        while (start <= path.length()) {
            int slash = path.indexOf((byte) '/', start);
            int end = slash < 0 ? path.length() : slash;
            if (end > start && !(end - start == 1 && path.byteAt(start) == '.')) {
                out.add(path.substring(start, end));
            }
            start = end + 1;
        }
        return out;
    }
}
