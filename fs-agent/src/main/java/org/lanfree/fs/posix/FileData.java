package org.lanfree.fs.posix;

import java.lang.foreign.MemorySegment;

/** Reading and writing a file's bytes, and finding its holes with {@code SEEK_DATA}/{@code SEEK_HOLE}. */
public final class FileData {

    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;

    private FileData() {
    }

    /** The start of the next data region at or after {@code offset}, or -1 when only a hole is left. */
    public static long seekData(Fd fd, long offset) throws PosixException {
        return seek(fd, offset, SEEK_DATA, "lseek SEEK_DATA");
    }

    /** The start of the next hole at or after {@code offset} (the end of the file counts as one). */
    public static long seekHole(Fd fd, long offset) throws PosixException {
        return seek(fd, offset, SEEK_HOLE, "lseek SEEK_HOLE");
    }

    private static long seek(Fd fd, long offset, int whence, String call) throws PosixException {
        Scratch s = Scratch.get();
        long r;
        try {
            r = (long) Libc.LSEEK.invokeExact(s.capture, fd.number(), offset, whence);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        if (r < 0) {
            if (Libc.errno(s.capture) == Errno.ENXIO) {
                return -1;
            }
            throw Scratch.fail(s, call, fd.path());
        }
        return r;
    }

    /** Reads up to {@code length} bytes at {@code offset} into {@code buffer}; 0 at end of file. */
    public static long pread(Fd fd, MemorySegment buffer, long length, long offset) throws PosixException {
        Scratch s = Scratch.get();
        while (true) {
            long n;
            try {
                n = (long) Libc.PREAD.invokeExact(s.capture, fd.number(), buffer, length, offset);
            } catch (Throwable t) {
                throw Scratch.unexpected(t);
            }
            if (n >= 0) {
                return n;
            }
            if (Libc.errno(s.capture) != Errno.EINTR) {
                throw Scratch.fail(s, "pread", fd.path());
            }
        }
    }

    /** Reads up to {@code length} bytes at the current offset; 0 at end of file. */
    public static long read(Fd fd, MemorySegment buffer, long length) throws PosixException {
        Scratch s = Scratch.get();
        while (true) {
            long n;
            try {
                n = (long) Libc.READ.invokeExact(s.capture, fd.number(), buffer, length);
            } catch (Throwable t) {
                throw Scratch.unexpected(t);
            }
            if (n >= 0) {
                return n;
            }
            if (Libc.errno(s.capture) != Errno.EINTR) {
                throw Scratch.fail(s, "read", fd.path());
            }
        }
    }

    /** Writes all {@code length} bytes of {@code buffer} at {@code offset}. */
    public static void pwriteFully(Fd fd, MemorySegment buffer, long length, long offset) throws PosixException {
        Scratch s = Scratch.get();
        long done = 0;
        while (done < length) {
            long n;
            try {
                n = (long) Libc.PWRITE.invokeExact(s.capture, fd.number(), buffer.asSlice(done), length - done, offset + done);
            } catch (Throwable t) {
                throw Scratch.unexpected(t);
            }
            if (n < 0) {
                if (Libc.errno(s.capture) == Errno.EINTR) {
                    continue;
                }
                throw Scratch.fail(s, "pwrite", fd.path());
            }
            done += n;
        }
    }

    /** Writes all {@code length} bytes of {@code buffer} at the current offset. */
    public static void writeFully(Fd fd, MemorySegment buffer, long length) throws PosixException {
        Scratch s = Scratch.get();
        long done = 0;
        while (done < length) {
            long n;
            try {
                n = (long) Libc.WRITE.invokeExact(s.capture, fd.number(), buffer.asSlice(done), length - done);
            } catch (Throwable t) {
                throw Scratch.unexpected(t);
            }
            if (n < 0) {
                if (Libc.errno(s.capture) == Errno.EINTR) {
                    continue;
                }
                throw Scratch.fail(s, "write", fd.path());
            }
            done += n;
        }
    }

    public static void truncate(Fd fd, long length) throws PosixException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.FTRUNCATE.invokeExact(s.capture, fd.number(), length);
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        Scratch.check(s, r, "ftruncate", fd.path());
    }

    public static void fsync(Fd fd) throws PosixException {
        Scratch s = Scratch.get();
        int r;
        try {
            r = (int) Libc.FSYNC.invokeExact(s.capture, fd.number());
        } catch (Throwable t) {
            throw Scratch.unexpected(t);
        }
        Scratch.check(s, r, "fsync", fd.path());
    }
}
