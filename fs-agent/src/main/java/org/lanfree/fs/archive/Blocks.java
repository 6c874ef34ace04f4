package org.lanfree.fs.archive;

/** Tar's unit: every header and every member's data take whole 512-byte blocks. */
final class Blocks {

    static final int SIZE = 512;

    private Blocks() {
    }

    static long roundUp(long n) {
        return (n + SIZE - 1) & ~(long) (SIZE - 1);
    }

    static int padding(long n) {
        return (int) (roundUp(n) - n);
    }
}
