package org.lanfree.fs.tree;

import java.util.Comparator;
import org.lanfree.fs.posix.ByteString;

/**
 * The order a walk yields paths in: component by component, each compared as unsigned bytes, a
 * directory before everything under it. This is byte order with {@code /} counted as the lowest
 * byte, so {@code a/b} comes before {@code a.c} (plain byte order puts it after).
 */
public final class TreeOrder implements Comparator<ByteString> {

    public static final TreeOrder INSTANCE = new TreeOrder();

    private TreeOrder() {
    }

    @Override
    public int compare(ByteString a, ByteString b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int x = rank(a.byteAt(i));
            int y = rank(b.byteAt(i));
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int rank(byte b) {
        return b == '/' ? -1 : b & 0xff;
    }
}
