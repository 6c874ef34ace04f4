package org.lanfree.fs.archive;

import org.lanfree.fs.posix.FileKind;

/**
 * The kind of an archive member, with its ustar type flag. Tar has no socket type: a socket is a
 * zero-size regular member marked by the pax record {@code LANFREE.filetype=socket}.
 */
public enum EntryType {
    FILE('0'),
    HARDLINK('1'),
    SYMLINK('2'),
    CHAR_DEVICE('3'),
    BLOCK_DEVICE('4'),
    DIRECTORY('5'),
    FIFO('6'),
    SOCKET('0');

    private final char flag;

    EntryType(char flag) {
        this.flag = flag;
    }

    public char flag() {
        return flag;
    }

    public static EntryType of(FileKind kind) {
        return switch (kind) {
            case REGULAR -> FILE;
            case DIRECTORY -> DIRECTORY;
            case SYMLINK -> SYMLINK;
            case FIFO -> FIFO;
            case SOCKET -> SOCKET;
            case CHAR_DEVICE -> CHAR_DEVICE;
            case BLOCK_DEVICE -> BLOCK_DEVICE;
        };
    }

    /** The file kind a restore creates (a hard link is of the kind of its target: regular, usually). */
    public FileKind kind() {
        return switch (this) {
            case FILE, HARDLINK -> FileKind.REGULAR;
            case SYMLINK -> FileKind.SYMLINK;
            case CHAR_DEVICE -> FileKind.CHAR_DEVICE;
            case BLOCK_DEVICE -> FileKind.BLOCK_DEVICE;
            case DIRECTORY -> FileKind.DIRECTORY;
            case FIFO -> FileKind.FIFO;
            case SOCKET -> FileKind.SOCKET;
        };
    }

    /** The type of a ustar flag; unknown flags read as regular files, as POSIX asks. */
    static EntryType ofFlag(byte flag) {
        return switch (flag) {
            case '1' -> HARDLINK;
            case '2' -> SYMLINK;
            case '3' -> CHAR_DEVICE;
            case '4' -> BLOCK_DEVICE;
            case '5' -> DIRECTORY;
            case '6' -> FIFO;
            default -> FILE;
        };
    }
}
