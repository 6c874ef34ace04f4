package org.lanfree.fs.posix;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the names in an open directory with {@code getdents64}, leaving out {@code .} and
 * {@code ..}. The names come in the file system's order; callers sort them when they need to.
 */
public final class DirectoryListing {

    private static final int BUFFER = 64 * 1024;
    private static final ThreadLocal<MemorySegment> BUFFERS = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(BUFFER, 8));

    private DirectoryListing() {
    }

    /** Every name in {@code dir}, read to the end. */
    public static List<ByteString> names(Fd dir) throws PosixException {
        MemorySegment buffer = BUFFERS.get();
        List<ByteString> out = new ArrayList<>();
        long n;
        while ((n = Posix.getdents(dir, buffer)) > 0) {
            long pos = 0;
            while (pos < n) {
                // struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, char d_name[]
                int reclen = buffer.get(JAVA_SHORT, pos + 16) & 0xffff;
                long nameStart = pos + 19;
                long end = nameStart;
                while (buffer.get(JAVA_BYTE, end) != 0) {
                    end++;
                }
                if (!isDotOrDotDot(buffer, nameStart, end - nameStart)) {
                    out.add(ByteString.wrap(buffer.asSlice(nameStart, end - nameStart).toArray(JAVA_BYTE)));
                }
                pos += reclen;
            }
        }
        return out;
    }

    /** True when {@code dir} holds no name but {@code .} and {@code ..}. */
    public static boolean isEmpty(Fd dir) throws PosixException {
        return names(dir).isEmpty();
    }

    private static boolean isDotOrDotDot(MemorySegment b, long start, long length) {
        return (length == 1 && b.get(JAVA_BYTE, start) == '.')
                || (length == 2 && b.get(JAVA_BYTE, start) == '.' && b.get(JAVA_BYTE, start + 1) == '.');
    }
}
