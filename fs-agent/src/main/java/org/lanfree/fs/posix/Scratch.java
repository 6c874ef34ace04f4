package org.lanfree.fs.posix;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Per-thread native memory for the calls' arguments and results, allocated once, and the helpers
 * every call uses: C strings from byte strings, {@code errno} into exceptions.
 */
final class Scratch {

    static final int STAT_SIZE = 144;
    static final int XATTR_MAX = 65536;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    final MemorySegment capture;
    final MemorySegment path1;
    final MemorySegment path2;
    final MemorySegment stat;
    final MemorySegment buffer;
    final MemorySegment times;

    private Scratch() {
        Arena arena = Arena.ofAuto();
        capture = arena.allocate(Libc.CAPTURE);
        path1 = arena.allocate(8192);
        path2 = arena.allocate(8192);
        stat = arena.allocate(STAT_SIZE, 8);
        buffer = arena.allocate(XATTR_MAX);
        times = arena.allocate(32, 8);
    }

    /** This thread's scratch memory. */
    static Scratch get() {
        return SCRATCH.get();
    }

    static MemorySegment cString(MemorySegment target, ByteString bytes) {
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

    static void check(Scratch s, int result, String call, Fd dir, ByteString name) throws PosixException {
        if (result < 0) {
            throw fail(s, call, dir.path().resolve(name));
        }
    }

    static void check(Scratch s, int result, String call, ByteString path) throws PosixException {
        if (result < 0) {
            throw fail(s, call, path);
        }
    }

    static PosixException fail(Scratch s, String call, ByteString path) {
        int errno = Libc.errno(s.capture);
        return new PosixException(call, path.isEmpty() ? "." : path, errno, Libc.strerror(errno));
    }

    static IllegalStateException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("libc downcall failed unexpectedly", t);
    }
}
