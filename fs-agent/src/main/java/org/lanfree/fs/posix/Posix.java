package org.lanfree.fs.posix;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The libc calls of a tree walk and a restore. Names are single components opened relative to a
 * directory descriptor, so no path is limited by {@code PATH_MAX}; callers pass
 * {@link #NOFOLLOW} wherever a symlink must not be followed. Extended attributes of an object that
 * cannot be opened (a symlink, a FIFO, a device) are reached through
 * {@code /proc/self/fd/DIR/NAME} with the {@code l*xattr} calls, which do not follow the last
 * component. Thread-safe: each thread has its own scratch memory.
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
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int STAT_SIZE = 144;
    private static final int XATTR_MAX = 65536;
    private static final int LINK_MAX = 4096;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread native memory for arguments and results, allocated once. */
    private static final class Scratch {
        final MemorySegment capture;
        final MemorySegment path1;
        final MemorySegment path2;
        final MemorySegment stat;
        final MemorySegment buffer;
        final MemorySegment times;

        Scratch() {
            Arena arena = Arena.ofAuto();
            capture = arena.allocate(Libc.CAPTURE);
            path1 = arena.allocate(8192);
            path2 = arena.allocate(8192);
            stat = arena.allocate(STAT_SIZE, 8);
            buffer = arena.allocate(XATTR_MAX);
            times = arena.allocate(32, 8);
        }
    }

    private Posix() {
    }

    // ---- descriptors

    /** Opens {@code path} relative to the working directory (for a walk's or restore's root). */
    public static Fd open(ByteString path, int flags) throws PosixException {
        Scratch s = SCRATCH.get();
        int fd = openat(s, AT_FDCWD, cString(s.path1, path), flags, 0);
        if (fd < 0) {
            throw fail(s, "open", path);
        }
        return new Fd(fd, path);
    }

    /** {@code openat(dir, name, flags, mode)}; the result's path is {@code dir.path/name}. */
    public static Fd openAt(Fd dir, ByteString name, int flags, int mode) throws PosixException {
        Scratch s = SCRATCH.get();
        int fd = openat(s, dir.number(), cString(s.path1, name), flags, mode);
        ByteString path = dir.path().resolve(name);
        if (fd < 0) {
            throw fail(s, "openat", path);
        }
        return new Fd(fd, path);
    }

    private static int openat(Scratch s, int dir, MemorySegment name, int flags, int mode) {
        try {
            return (int) Libc.OPENAT.invokeExact(s.capture, dir, name, flags, mode);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static void close(int fd, ByteString path) throws PosixException {
        Scratch s = SCRATCH.get();
        int r;
        try {
            r = (int) Libc.CLOSE.invokeExact(s.capture, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r < 0) {
            throw fail(s, "close", path);
        }
    }

    // ---- metadata

    /** {@code fstatat(dir, name)} without following a symlink. */
    public static Stat statAt(Fd dir, ByteString name) throws PosixException {
        Scratch s = SCRATCH.get();
        int r;
        try {
            r = (int) Libc.FSTATAT.invokeExact(s.capture, dir.number(), cString(s.path1, name), s.stat, AT_SYMLINK_NOFOLLOW);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r < 0) {
            throw fail(s, "fstatat", dir.path().resolve(name));
        }
        return stat(s.stat);
    }

    public static Stat stat(Fd fd) throws PosixException {
        Scratch s = SCRATCH.get();
        int r;
        try {
            r = (int) Libc.FSTAT.invokeExact(s.capture, fd.number(), s.stat);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r < 0) {
            throw fail(s, "fstat", fd.path());
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
        Scratch s = SCRATCH.get();
        long n;
        try {
            n = (long) Libc.READLINKAT.invokeExact(s.capture, dir.number(), cString(s.path1, name), s.buffer, (long) LINK_MAX + 1);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (n < 0) {
            throw fail(s, "readlinkat", dir.path().resolve(name));
        }
        return ByteString.wrap(s.buffer.asSlice(0, n).toArray(JAVA_BYTE));
    }

    public static void chownAt(Fd dir, ByteString name, long uid, long gid) throws PosixException {
        Scratch s = SCRATCH.get();
        int r;
        try {
            r = (int) Libc.FCHOWNAT.invokeExact(s.capture, dir.number(), cString(s.path1, name), (int) uid, (int) gid,
                    AT_SYMLINK_NOFOLLOW);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        check(s, r, "fchownat", dir, name);
    }

    /** Changes permission bits without following a symlink (not for symlinks themselves: Linux has no such bits). */
    public static void chmodAt(Fd dir, ByteString name, int mode) throws PosixException {
        Scratch s = SCRATCH.get();
        int r;
        try {
            r = (int) Libc.FCHMODAT.invokeExact(s.capture, dir.number(), cString(s.path1, name), mode, AT_SYMLINK_NOFOLLOW);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        check(s, r, "fchmodat", dir, name);
    }

    public static void chown(Fd fd, long uid, long gid) throws PosixException {
        Scratch s = SCRATCH.get();
        int r;
        try {
            r = (int) Libc.FCHOWN.invokeExact(s.capture, fd.number(), (int) uid, (int) gid);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        check(s, r, "fchown", fd.path());
    }

    public static void chmod(Fd fd, int mode) throws PosixException {
        Scratch s = SCRATCH.get();
        int r;
        try {
            r = (int) Libc.FCHMOD.invokeExact(s.capture, fd.number(), mode);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        check(s, r, "fchmod", fd.path());
    }

    /** Sets access and modification times (nanoseconds) without following a symlink. */
    public static void setTimesAt(Fd dir, ByteString name, long atimeNs, long mtimeNs) throws PosixException {
        Scratch s = SCRATCH.get();
        timespecs(s.times, atimeNs, mtimeNs);
        int r;
        try {
            r = (int) Libc.UTIMENSAT.invokeExact(s.capture, dir.number(), cString(s.path1, name), s.times, AT_SYMLINK_NOFOLLOW);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        check(s, r, "utimensat", dir, name);
    }

    public static void setTimes(Fd fd, long atimeNs, long mtimeNs) throws PosixException {
        Scratch s = SCRATCH.get();
        timespecs(s.times, atimeNs, mtimeNs);
        int r;
        try {
            r = (int) Libc.FUTIMENS.invokeExact(s.capture, fd.number(), s.times);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        check(s, r, "futimens", fd.path());
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
            throw unexpected(t);
        }
    }

    // ---- extended attributes

    /** The extended attributes of {@code dir/name}, not following a symlink; empty where the file system has none. */
    public static List<Xattr> xattrsAt(Fd dir, ByteString name) throws PosixException {
        Scratch s = SCRATCH.get();
        ByteString proc = procPath(dir, name);
        long n;
        try {
            n = (long) Libc.LLISTXATTR.invokeExact(s.capture, cString(s.path1, proc), s.buffer, (long) XATTR_MAX);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (n < 0) {
            if (Libc.errno(s.capture) == Errno.EOPNOTSUPP) {
                return List.of();
            }
            throw fail(s, "llistxattr", dir.path().resolve(name));
        }
        List<Xattr> out = new ArrayList<>();
        for (ByteString key : names(s.buffer, n)) {
            long len;
            try {
                len = (long) Libc.LGETXATTR.invokeExact(s.capture, s.path1, cString(s.path2, key), s.buffer, (long) XATTR_MAX);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (len < 0) {
                if (Libc.errno(s.capture) == Errno.ENODATA) {
                    continue;
                }
                throw fail(s, "lgetxattr " + key, dir.path().resolve(name));
            }
            out.add(new Xattr(key, s.buffer.asSlice(0, len).toArray(JAVA_BYTE)));
        }
        return out;
    }

    public static List<Xattr> xattrs(Fd fd) throws PosixException {
        Scratch s = SCRATCH.get();
        long n;
        try {
            n = (long) Libc.FLISTXATTR.invokeExact(s.capture, fd.number(), s.buffer, (long) XATTR_MAX);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (n < 0) {
            if (Libc.errno(s.capture) == Errno.EOPNOTSUPP) {
                return List.of();
            }
            throw fail(s, "flistxattr", fd.path());
        }
        List<Xattr> out = new ArrayList<>();
        for (ByteString key : names(s.buffer, n)) {
            long len;
            try {
                len = (long) Libc.FGETXATTR.invokeExact(s.capture, fd.number(), cString(s.path2, key), s.buffer, (long) XATTR_MAX);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (len < 0) {
                if (Libc.errno(s.capture) == Errno.ENODATA) {
                    continue;
                }
                throw fail(s, "fgetxattr " + key, fd.path());
            }
            out.add(new Xattr(key, s.buffer.asSlice(0, len).toArray(JAVA_BYTE)));
        }
        return out;
    }

    public static void setXattrAt(Fd dir, ByteString name, Xattr xattr) throws PosixException {
        Scratch s = SCRATCH.get();
        ByteString proc = procPath(dir, name);
        byte[] value = xattr.value();
        MemorySegment.copy(value, 0, s.buffer, JAVA_BYTE, 0, value.length);
        int r;
        try {
            r = (int) Libc.LSETXATTR.invokeExact(s.capture, cString(s.path1, proc), cString(s.path2, xattr.name()), s.buffer,
                    (long) value.length, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r < 0) {
            throw fail(s, "lsetxattr " + xattr.name(), dir.path().resolve(name));
        }
    }

    public static void setXattr(Fd fd, Xattr xattr) throws PosixException {
        Scratch s = SCRATCH.get();
        byte[] value = xattr.value();
        MemorySegment.copy(value, 0, s.buffer, JAVA_BYTE, 0, value.length);
        int r;
        try {
            r = (int) Libc.FSETXATTR.invokeExact(s.capture, fd.number(), cString(s.path2, xattr.name()), s.buffer,
                    (long) value.length, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r < 0) {
            throw fail(s, "fsetxattr " + xattr.name(), fd.path());
        }
    }

    /** {@code /proc/self/fd/DIR/NAME}: the magic link resolves to the directory, the name is not followed. */
    private static ByteString procPath(Fd dir, ByteString name) {
        return ByteString.of("/proc/self/fd/" + dir.number() + "/").concat(name);
    }

    private static List<ByteString> names(MemorySegment list, long length) {
        byte[] all = list.asSlice(0, length).toArray(JAVA_BYTE);
        List<ByteString> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == 0) {
                if (i > start) {
                    out.add(ByteString.of(all, start, i - start));
                }
                start = i + 1;
            }
        }
        return out;
    }

    // ---- data

    /** The start of the next data region at or after {@code offset}, or -1 when only a hole is left. */
    public static long seekData(Fd fd, long offset) throws PosixException {
        return seek(fd, offset, SEEK_DATA, "lseek SEEK_DATA");
    }

    /** The start of the next hole at or after {@code offset} (the end of the file counts as one). */
    public static long seekHole(Fd fd, long offset) throws PosixException {
        return seek(fd, offset, SEEK_HOLE, "lseek SEEK_HOLE");
    }

    private static long seek(Fd fd, long offset, int whence, String call) throws PosixException {
        Scratch s = SCRATCH.get();
        long r;
        try {
            r = (long) Libc.LSEEK.invokeExact(s.capture, fd.number(), offset, whence);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (r < 0) {
            if (Libc.errno(s.capture) == Errno.ENXIO) {
                return -1;
            }
            throw fail(s, call, fd.path());
        }
        return r;
    }

    /** Reads up to {@code length} bytes at {@code offset} into {@code buffer}; 0 at end of file. */
    public static long pread(Fd fd, MemorySegment buffer, long length, long offset) throws PosixException {
        Scratch s = SCRATCH.get();
        while (true) {
            long n;
            try {
                n = (long) Libc.PREAD.invokeExact(s.capture, fd.number(), buffer, length, offset);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (n >= 0) {
                return n;
            }
            if (Libc.errno(s.capture) != Errno.EINTR) {
                throw fail(s, "pread", fd.path());
            }
        }
    }

    /** Reads up to {@code length} bytes at the current offset; 0 at end of file. */
    public static long read(Fd fd, MemorySegment buffer, long length) throws PosixException {
        Scratch s = SCRATCH.get();
        while (true) {
            long n;
            try {
                n = (long) Libc.READ.invokeExact(s.capture, fd.number(), buffer, length);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (n >= 0) {
                return n;
            }
            if (Libc.errno(s.capture) != Errno.EINTR) {
                throw fail(s, "read", fd.path());
            }
        }
    }

    /** Writes all {@code length} bytes of {@code buffer} at {@code offset}. */
    public static void pwriteFully(Fd fd, MemorySegment buffer, long length, long offset) throws PosixException {
        Scratch s = SCRATCH.get();
        long done = 0;
        while (done < length) {
            long n;
            try {
                n = (long) Libc.PWRITE.invokeExact(s.capture, fd.number(), buffer.asSlice(done), length - done, offset + done);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (n < 0) {
                if (Libc.errno(s.capture) == Errno.EINTR) {
                    continue;
                }
                throw fail(s, "pwrite", fd.path());
            }
            done += n;
        }
    }

    /** Writes all {@code length} bytes of {@code buffer} at the current offset. */
    public static void writeFully(Fd fd, MemorySegment buffer, long length) throws PosixException {
        Scratch s = SCRATCH.get();
        long done = 0;
        while (done < length) {
            long n;
            try {
                n = (long) Libc.WRITE.invokeExact(s.capture, fd.number(), buffer.asSlice(done), length - done);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (n < 0) {
                if (Libc.errno(s.capture) == Errno.EINTR) {
                    continue;
                }
                throw fail(s, "write", fd.path());
            }
            done += n;
        }
    }

    public static void truncate(Fd fd, long length) throws PosixException {
        Scratch s = SCRATCH.get();
        int r;
        try {
            r = (int) Libc.FTRUNCATE.invokeExact(s.capture, fd.number(), length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        check(s, r, "ftruncate", fd.path());
    }

    public static void fsync(Fd fd) throws PosixException {
        Scratch s = SCRATCH.get();
        int r;
        try {
            r = (int) Libc.FSYNC.invokeExact(s.capture, fd.number());
        } catch (Throwable t) {
            throw unexpected(t);
        }
        check(s, r, "fsync", fd.path());
    }

    /** Reads directory entries into {@code buffer}: the bytes filled, 0 at the end. */
    static long getdents(Fd dir, MemorySegment buffer) throws PosixException {
        Scratch s = SCRATCH.get();
        long n;
        try {
            n = (long) Libc.GETDENTS64.invokeExact(s.capture, dir.number(), buffer, buffer.byteSize());
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (n < 0) {
            throw fail(s, "getdents64", dir.path());
        }
        return n;
    }

    // ---- creating and removing

    public static void mkdirAt(Fd dir, ByteString name, int mode) throws PosixException {
        Scratch s = SCRATCH.get();
        int r;
        try {
            r = (int) Libc.MKDIRAT.invokeExact(s.capture, dir.number(), cString(s.path1, name), mode);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        check(s, r, "mkdirat", dir, name);
    }

    /** Creates {@code dir/name} as a symlink holding {@code target} (never resolved here). */
    public static void symlinkAt(ByteString target, Fd dir, ByteString name) throws PosixException {
        Scratch s = SCRATCH.get();
        int r;
        try {
            r = (int) Libc.SYMLINKAT.invokeExact(s.capture, cString(s.path2, target), dir.number(), cString(s.path1, name));
        } catch (Throwable t) {
            throw unexpected(t);
        }
        check(s, r, "symlinkat", dir, name);
    }

    /** Makes {@code newDir/newName} a hard link to {@code oldDir/oldName}; a symlink there is linked, not followed. */
    public static void linkAt(Fd oldDir, ByteString oldName, Fd newDir, ByteString newName) throws PosixException {
        Scratch s = SCRATCH.get();
        int r;
        try {
            r = (int) Libc.LINKAT.invokeExact(s.capture, oldDir.number(), cString(s.path2, oldName), newDir.number(),
                    cString(s.path1, newName), 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        check(s, r, "linkat", newDir, newName);
    }

    /** Creates a FIFO, socket or device node; {@code mode} holds the type bits. */
    public static void mknodAt(Fd dir, ByteString name, int mode, long rdev) throws PosixException {
        Scratch s = SCRATCH.get();
        int r;
        try {
            r = (int) Libc.MKNODAT.invokeExact(s.capture, dir.number(), cString(s.path1, name), mode, rdev);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        check(s, r, "mknodat", dir, name);
    }

    public static void unlinkAt(Fd dir, ByteString name, boolean directory) throws PosixException {
        Scratch s = SCRATCH.get();
        int r;
        try {
            r = (int) Libc.UNLINKAT.invokeExact(s.capture, dir.number(), cString(s.path1, name), directory ? AT_REMOVEDIR : 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        check(s, r, "unlinkat", dir, name);
    }

    // ---- helpers

    private static MemorySegment cString(MemorySegment target, ByteString bytes) {
        int n = bytes.length();
        if (n >= target.byteSize()) {
            throw new IllegalArgumentException("name " + bytes + " is " + n + " bytes, longer than any single call takes ("
                    + (target.byteSize() - 1) + ")");
        }
        for (int i = 0; i < n; i++) {
            byte b = bytes.byteAt(i);
            if (b == 0) {
                throw new IllegalArgumentException("name " + bytes + " holds a NUL byte at " + i + "; no file name can");
            }
            target.set(JAVA_BYTE, i, b);
        }
        target.set(JAVA_BYTE, n, (byte) 0);
        return target;
    }

    private static void check(Scratch s, int result, String call, Fd dir, ByteString name) throws PosixException {
        if (result < 0) {
            throw fail(s, call, dir.path().resolve(name));
        }
    }

    private static void check(Scratch s, int result, String call, ByteString path) throws PosixException {
        if (result < 0) {
            throw fail(s, call, path);
        }
    }

    private static PosixException fail(Scratch s, String call, ByteString path) {
        int errno = Libc.errno(s.capture);
        return new PosixException(call, path.isEmpty() ? "." : path, errno, Libc.strerror(errno));
    }

    private static IllegalStateException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("libc downcall failed unexpectedly", t);
    }
}
