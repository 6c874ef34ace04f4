package org.lanfree.fs.posix;

/** The kind of a file system object, from the {@code S_IFMT} bits of its mode. */
public enum FileKind {
    REGULAR(0100000),
    DIRECTORY(0040000),
    SYMLINK(0120000),
    FIFO(0010000),
    SOCKET(0140000),
    CHAR_DEVICE(0020000),
    BLOCK_DEVICE(0060000);

    public static final int S_IFMT = 0170000;
    private final int bits;

    FileKind(int bits) {
        this.bits = bits;
    }

    /** The {@code S_IFMT} bits of this kind. */
    public int bits() {
        return bits;
    }

    public static FileKind ofMode(int mode) {
        int fmt = mode & S_IFMT;
        for (FileKind k : values()) {
            if (k.bits == fmt) {
                return k;
            }
        }
        throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " has no known file type bits");
    }
}
