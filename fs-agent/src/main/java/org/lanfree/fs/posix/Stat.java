package org.lanfree.fs.posix;

/**
 * What {@code fstatat} says about an object. Times are nanoseconds since the epoch (negative
 * before 1970); {@code mode} holds type and permission bits.
 */
public record Stat(long dev, long inode, int mode, long nlink, long uid, long gid, long rdev, long size, long blocks,
                   long atimeNs, long mtimeNs, long ctimeNs) {

    public FileKind kind() {
        return FileKind.ofMode(mode);
    }

    /** Permission bits with set-id and sticky bits: {@code mode & 07777}. */
    public int permissions() {
        return mode & 07777;
    }

    public boolean isDirectory() {
        return kind() == FileKind.DIRECTORY;
    }

    public boolean isRegular() {
        return kind() == FileKind.REGULAR;
    }

    /** Fewer blocks allocated than the size needs: the file may have holes. */
    public boolean mayBeSparse() {
        return blocks * 512 < size;
    }

    public static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    public static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }

    /** glibc's {@code makedev}. */
    public static long makedev(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0xfff) << 8) | ((ma & ~0xfffL) << 32) | (mi & 0xff) | ((mi & ~0xffL) << 12);
    }
}
