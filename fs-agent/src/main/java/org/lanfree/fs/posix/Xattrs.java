package org.lanfree.fs.posix;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Extended attributes. Those of an object that cannot be opened (a symlink, a FIFO, a device) are
 * reached through {@code /proc/self/fd/DIR/NAME} with the {@code l*xattr} calls, which do not
 * follow the last component; so {@code /proc} must be mounted.
 */
public final class Xattrs {

    private Xattrs() {
    }

    /** The extended attributes of {@code dir/name}, not following a symlink; empty where the file system has none. */
    public static List<Xattr> listAt(Fd dir, ByteString name) throws PosixException {
        Scratch s = Scratch.get();
        ByteString proc = procPath(dir, name);
        long n;
        try {
            n = (long) Libc.LLISTXATTR.invokeExact(s.capture, Scratch.cString(s.path1, proc), s.buffer, (long) Scratch.XATTR_MAX);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        if (n < 0) {
            if (Libc.errno(s.capture) == Errno.EOPNOTSUPP) {
                return List.of();
            }
            throw Scratch.fail(s, "llistxattr", dir.path().resolve(name));
        }
        List<Xattr> out = new ArrayList<>();
        for (ByteString key : names(s.buffer, n)) {
            long len;
            try {
                len = (long) Libc.LGETXATTR.invokeExact(s.capture, s.path1, Scratch.cString(s.path2, key), s.buffer, (long) Scratch.XATTR_MAX);
            } catch (Throwable t) {
                throw Scratch.unexpected(t);
            }
            if (len < 0) {
                if (Libc.errno(s.capture) == Errno.ENODATA) {
                    continue;
                }
                throw Scratch.fail(s, "lgetxattr " + key, dir.path().resolve(name));
            }
            out.add(new Xattr(key, s.buffer.asSlice(0, len).toArray(JAVA_BYTE)));
        }
        return out;
    }

    public static List<Xattr> list(Fd fd) throws PosixException {
        Scratch s = Scratch.get();
        long n;
        try {
            n = (long) Libc.FLISTXATTR.invokeExact(s.capture, fd.number(), s.buffer, (long) Scratch.XATTR_MAX);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        if (n < 0) {
            if (Libc.errno(s.capture) == Errno.EOPNOTSUPP) {
                return List.of();
            }
            throw Scratch.fail(s, "flistxattr", fd.path());
        }
        List<Xattr> out = new ArrayList<>();
        for (ByteString key : names(s.buffer, n)) {
            long len;
            try {
                len = (long) Libc.FGETXATTR.invokeExact(s.capture, fd.number(), Scratch.cString(s.path2, key), s.buffer, (long) Scratch.XATTR_MAX);
            } catch (Throwable t) {
                throw Scratch.unexpected(t);
            }
            if (len < 0) {
                if (Libc.errno(s.capture) == Errno.ENODATA) {
                    continue;
                }
                throw Scratch.fail(s, "fgetxattr " + key, fd.path());
            }
            out.add(new Xattr(key, s.buffer.asSlice(0, len).toArray(JAVA_BYTE)));
        }
        return out;
    }

    public static void setAt(Fd dir, ByteString name, Xattr xattr) throws PosixException {
        Scratch s = Scratch.get();
        ByteString proc = procPath(dir, name);
        byte[] value = xattr.value();
        MemorySegment.copy(value, 0, s.buffer, JAVA_BYTE, 0, value.length);
        int r;
        try {
            r = (int) Libc.LSETXATTR.invokeExact(s.capture, Scratch.cString(s.path1, proc), Scratch.cString(s.path2, xattr.name()), s.buffer,
                    (long) value.length, 0);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        if (r < 0) {
            throw Scratch.fail(s, "lsetxattr " + xattr.name(), dir.path().resolve(name));
        }
    }

    public static void set(Fd fd, Xattr xattr) throws PosixException {
        Scratch s = Scratch.get();
        byte[] value = xattr.value();
        MemorySegment.copy(value, 0, s.buffer, JAVA_BYTE, 0, value.length);
        int r;
        try {
            r = (int) Libc.FSETXATTR.invokeExact(s.capture, fd.number(), Scratch.cString(s.path2, xattr.name()), s.buffer,
                    (long) value.length, 0);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        if (r < 0) {
            throw Scratch.fail(s, "fsetxattr " + xattr.name(), fd.path());
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
}
