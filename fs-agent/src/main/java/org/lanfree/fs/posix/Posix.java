package org.lanfree.fs.posix;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;

/**
 * The libc calls of a tree walk and a restore. Names are single components opened relative to a
 * directory descriptor, so no path is limited by {@code PATH_MAX}; callers pass
 * {@link #NOFOLLOW} wherever a symlink must not be followed. {@link FileData} reads and writes
 * bytes, {@link Xattrs} extended attributes. Thread-safe: each thread has its own scratch memory.
 */
public final class Posix {

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_NOATIME = 01000000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;
    /** Flags for every open of a walk or restore: never follow, never become a terminal, close on exec. */
    public static final int NOFOLLOW = O_NOFOLLOW | O_NOCTTY | O_CLOEXEC;
    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    private static final int LINK_MAX = 4096;


    private Posix() {
    }

    // ---- descriptors

    /** Opens {@code path} relative to the working directory (for a walk's or restore's root). */
    public static Fd open(ByteString path, int flags) throws PosixException {
        Scratch s = Scratch.get();
        int fd = openat(s, AT_FDCWD, Scratch.cString(s.path1, path), flags, 0);
        if (fd < 0) {
            throw Scratch.fail(s, "open", path);
        }
        return new Fd(fd, path);
    }

    /** {@code openat(dir, name, flags, mode)}; the result's path is {@code dir.path/name}. */
    public static Fd openAt(Fd dir, ByteString name, int flags, int mode) throws PosixException {
        Scratch s = Scratch.get();
        int fd = openat(s, dir.number(), Scratch.cString(s.path1, name), flags, mode);
        ByteString path = dir.path().resolve(name);
        if (fd < 0) {
            throw Scratch.fail(s, "openat", path);
        }
        return new Fd(fd, path);
    }

    private static int openat(Scratch s, int dir, MemorySegment name, int flags, int mode) {
        try {
            return (int) Libc.OPENAT.invokeExact(s.capture, dir, name, flags, mode);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
    }

    static void close(int fd, ByteString path) throws PosixException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.CLOSE.invokeExact(s.capture, fd);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        if (r < 0) {
            throw Scratch.fail(s, "close", path);
        }
    }

    // ---- metadata

    /** {@code fstatat(dir, name)} without following a symlink. */
    public static Stat statAt(Fd dir, ByteString name) throws PosixException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.FSTATAT.invokeExact(s.capture, dir.number(), Scratch.cString(s.path1, name), s.stat, AT_SYMLINK_NOFOLLOW);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        if (r < 0) {
            throw Scratch.fail(s, "fstatat", dir.path().resolve(name));
        }
        return stat(s.stat);
    }

    public static Stat stat(Fd fd) throws PosixException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.FSTAT.invokeExact(s.capture, fd.number(), s.stat);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        if (r < 0) {
            throw Scratch.fail(s, "fstat", fd.path());
        }
        return stat(s.stat);
    }

    /** The x86-64 {@code struct stat}. */
    private static Stat stat(MemorySegment m) {
        return new Stat(m.get(JAVA_LONG, 0), m.get(JAVA_LONG, 8), m.get(JAVA_INT, 24), m.get(JAVA_LONG, 16),
                m.get(JAVA_INT, 28) & 0xffffffffL, m.get(JAVA_INT, 32) & 0xffffffffL, m.get(JAVA_LONG, 40),
                m.get(JAVA_LONG, 48), m.get(JAVA_LONG, 64), nanos(m, 72), nanos(m, 88), nanos(m, 104));
    }

    private static long nanos(MemorySegment m, long offset) {
        return m.get(JAVA_LONG, offset) * 1_000_000_000L + m.get(JAVA_LONG, offset + 8);
    }

    public static ByteString readLinkAt(Fd dir, ByteString name) throws PosixException {
        Scratch s = Scratch.get();
        long n;
        try {
            n = (long) Libc.READLINKAT.invokeExact(s.capture, dir.number(), Scratch.cString(s.path1, name), s.buffer, (long) LINK_MAX + 1);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        if (n < 0) {
            throw Scratch.fail(s, "readlinkat", dir.path().resolve(name));
        }
        return ByteString.wrap(s.buffer.asSlice(0, n).toArray(JAVA_BYTE));
    }

    public static void chownAt(Fd dir, ByteString name, long uid, long gid) throws PosixException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.FCHOWNAT.invokeExact(s.capture, dir.number(), Scratch.cString(s.path1, name), (int) uid, (int) gid,
                    AT_SYMLINK_NOFOLLOW);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        Scratch.check(s, r, "fchownat", dir, name);
    }

    /** Changes permission bits without following a symlink (not for symlinks themselves: Linux has no such bits). */
    public static void chmodAt(Fd dir, ByteString name, int mode) throws PosixException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.FCHMODAT.invokeExact(s.capture, dir.number(), Scratch.cString(s.path1, name), mode, AT_SYMLINK_NOFOLLOW);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        Scratch.check(s, r, "fchmodat", dir, name);
    }

    public static void chown(Fd fd, long uid, long gid) throws PosixException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.FCHOWN.invokeExact(s.capture, fd.number(), (int) uid, (int) gid);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        Scratch.check(s, r, "fchown", fd.path());
    }

    public static void chmod(Fd fd, int mode) throws PosixException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.FCHMOD.invokeExact(s.capture, fd.number(), mode);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        Scratch.check(s, r, "fchmod", fd.path());
    }

    /** Sets access and modification times (nanoseconds) without following a symlink. */
    public static void setTimesAt(Fd dir, ByteString name, long atimeNs, long mtimeNs) throws PosixException {
        Scratch s = Scratch.get();
        timespecs(s.times, atimeNs, mtimeNs);
        int r;
        try {
            r = (int) Libc.UTIMENSAT.invokeExact(s.capture, dir.number(), Scratch.cString(s.path1, name), s.times, AT_SYMLINK_NOFOLLOW);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        Scratch.check(s, r, "utimensat", dir, name);
    }

    public static void setTimes(Fd fd, long atimeNs, long mtimeNs) throws PosixException {
        Scratch s = Scratch.get();
        timespecs(s.times, atimeNs, mtimeNs);
        int r;
        try {
            r = (int) Libc.FUTIMENS.invokeExact(s.capture, fd.number(), s.times);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        Scratch.check(s, r, "futimens", fd.path());
    }

    private static void timespecs(MemorySegment times, long atimeNs, long mtimeNs) {
        times.set(JAVA_LONG, 0, Math.floorDiv(atimeNs, 1_000_000_000L));
        times.set(JAVA_LONG, 8, Math.floorMod(atimeNs, 1_000_000_000L));
        times.set(JAVA_LONG, 16, Math.floorDiv(mtimeNs, 1_000_000_000L));
        times.set(JAVA_LONG, 24, Math.floorMod(mtimeNs, 1_000_000_000L));
    }

    public static boolean isRoot() {
        try {
            return (int) Libc.GETEUID.invokeExact() == 0;
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
    }

    /** Reads directory entries into {@code buffer}: the bytes filled, 0 at the end. */
    static long getdents(Fd dir, MemorySegment buffer) throws PosixException {
        Scratch s = Scratch.get();
        long n;
        try {
            n = (long) Libc.GETDENTS64.invokeExact(s.capture, dir.number(), buffer, buffer.byteSize());
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        if (n < 0) {
            throw Scratch.fail(s, "getdents64", dir.path());
        }
        return n;
    }

    // ---- creating and removing

    public static void mkdirAt(Fd dir, ByteString name, int mode) throws PosixException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.MKDIRAT.invokeExact(s.capture, dir.number(), Scratch.cString(s.path1, name), mode);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        Scratch.check(s, r, "mkdirat", dir, name);
    }

    /** Creates {@code dir/name} as a symlink holding {@code target} (never resolved here). */
    public static void symlinkAt(ByteString target, Fd dir, ByteString name) throws PosixException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.SYMLINKAT.invokeExact(s.capture, Scratch.cString(s.path2, target), dir.number(), Scratch.cString(s.path1, name));
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        Scratch.check(s, r, "symlinkat", dir, name);
    }

    /** Makes {@code newDir/newName} a hard link to {@code oldDir/oldName}; a symlink there is linked, not followed. */
    public static void linkAt(Fd oldDir, ByteString oldName, Fd newDir, ByteString newName) throws PosixException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.LINKAT.invokeExact(s.capture, oldDir.number(), Scratch.cString(s.path2, oldName), newDir.number(),
                    Scratch.cString(s.path1, newName), 0);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        Scratch.check(s, r, "linkat", newDir, newName);
    }

    /** Creates a FIFO, socket or device node; {@code mode} holds the type bits. */
    public static void mknodAt(Fd dir, ByteString name, int mode, long rdev) throws PosixException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.MKNODAT.invokeExact(s.capture, dir.number(), Scratch.cString(s.path1, name), mode, rdev);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        Scratch.check(s, r, "mknodat", dir, name);
    }

    public static void unlinkAt(Fd dir, ByteString name, boolean directory) throws PosixException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.UNLINKAT.invokeExact(s.capture, dir.number(), Scratch.cString(s.path1, name), directory ? AT_REMOVEDIR : 0);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        Scratch.check(s, r, "unlinkat", dir, name);
    }

}
