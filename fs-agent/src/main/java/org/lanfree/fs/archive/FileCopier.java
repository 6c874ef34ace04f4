package org.lanfree.fs.archive;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.FileData;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.posix.PosixException;
import org.lanfree.fs.posix.Stat;
import org.lanfree.fs.tree.FsEntry;
import org.lanfree.fs.tree.Visit;
import org.lanfree.fs.tree.Warnings;

/**
 * Copies one regular file into the archive, reading it once through a fixed buffer. The header is
 * written from {@code fstat} of the opened file. A small file is read whole before its header and
 * read again (up to {@link #ATTEMPTS} times) if it changed meanwhile, so it is archived
 * consistently; a large file is streamed, and if it shrinks the rest is zeros, and if its size,
 * mtime or ctime moved while it was read it is reported and marked; a read error midway is
 * treated like a file that shrank. The archive stays valid either way.
 */
final class FileCopier implements AutoCloseable {

    static final int BUFFER = 1 << 20;
    static final int ATTEMPTS = 3;
    private static final byte[] ZEROS = new byte[64 * 1024];

    /** What became of one file. */
    record Copied(ArchiveEntry member, long offset, byte[] sha256, boolean changedWhileRead) {
    }

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment buffer = arena.allocate(BUFFER, 4096);
    private final byte[] heap = new byte[BUFFER];
    private final byte[][] streaming = {heap, new byte[BUFFER]};
    private final BackgroundDigest background = new BackgroundDigest();
    private final MessageDigest sha;
    private final PaxWriter writer;
    private final Warnings warnings;
    private final ArchiveListener listener;
    private final MemberFactory members;

    FileCopier(PaxWriter writer, Warnings warnings, ArchiveListener listener, MemberFactory members) {
        this.writer = writer;
        this.warnings = warnings;
        this.listener = listener;
        this.members = members;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** Archives the file of {@code visit}; null when it could not be opened (a warning says why). */
    Copied copy(Visit visit) throws IOException {
        FsEntry entry = visit.entry();
        Fd fd;
        try {
            fd = visit.open();
        } catch (PosixException e) {
            warnings.warn(entry.path(), e.vanished() ? "vanished before it could be read" : "left out, unreadable: " + e.getMessage());
            return null;
        }
        try (fd) {
            Stat st = Posix.stat(fd);
            if (!st.isRegular() || st.inode() != entry.stat().inode()) {
                warnings.warn(entry.path(), "was replaced while the backup reached it; left out");
                return null;
            }
            if (st.size() <= BUFFER && !st.mayBeSparse()) {
                Copied small;
                try {
                    small = copySmall(fd, entry, st);
                } catch (PosixException e) {
                    warnings.warn(entry.path(), "left out, unreadable: " + e.getMessage());
                    return null;
                }
                if (small != null) {
                    return small;
                }
                st = Posix.stat(fd);
            }
            return copyStreaming(fd, entry, st);
        }
    }

    /** Reads the whole file before its header; null when it grew past the buffer meanwhile. */
    private Copied copySmall(Fd fd, FsEntry entry, Stat st) throws IOException {
        Stat before = st;
        int read = 0;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            read = readWhole(fd, (int) before.size(), entry);
            Stat after = Posix.stat(fd);
            boolean consistent = sameContent(before, after) && read == before.size();
            if (consistent || attempt == ATTEMPTS) {
                boolean changed = !consistent;
                if (changed) {
                    warnings.warn(entry.path(), "changed while it was read, " + ATTEMPTS + " times; archived as last read ("
                            + read + " of " + before.size() + " bytes, the rest zeros) and marked as changed");
                }
                ArchiveEntry member = members.member(entry, before, null);
                long offset = writer.position();
                writer.begin(member);
                sha.reset();
                if (read > 0) {
                    writer.write(heap, 0, read);
                    sha.update(heap, 0, read);
                }
                zeros(writer.remaining(), true);
                return new Copied(member, offset, sha.digest(), changed);
            }
            if (after.size() > BUFFER) {
                return null;
            }
            before = after;
        }
        throw new IllegalStateException("unreachable");
    }

    private int readWhole(Fd fd, int size, FsEntry entry) throws IOException {
        int done = 0;
        while (done < size) {
            long n = FileData.pread(fd, buffer, size - done, done);
            if (n == 0) {
                break;
            }
            MemorySegment.copy(buffer, JAVA_BYTE, 0, heap, done, (int) n);
            done += (int) n;
            listener.dataRead(entry, n);
        }
        return done;
    }

    private Copied copyStreaming(Fd fd, FsEntry entry, Stat st) throws IOException {
        SparseMap map = st.mayBeSparse() ? SparseScanner.scan(fd, st.size()) : null;
        ArchiveEntry member = members.member(entry, st, map);
        long offset = writer.position();
        writer.begin(member);
        background.reset();
        int turn = 0;
        long logical = 0;
        long shortBy = 0;
        PosixException failure = null;
        int regions = map == null ? 1 : map.regions();
        for (int r = 0; r < regions && shortBy == 0; r++) {
            long start = map == null ? 0 : map.offset(r);
            long end = start + (map == null ? st.size() : map.length(r));
            background.zeros(start - logical);
            logical = start;
            while (logical < end) {
                long n;
                try {
                    n = FileData.pread(fd, buffer, Math.min(BUFFER, end - logical), logical);
                } catch (PosixException e) {
                    failure = e;
                    n = 0;
                }
                if (n == 0) {
                    shortBy = writer.remaining();
                    break;
                }
                byte[] chunk = streaming[turn];
                turn ^= 1;
                MemorySegment.copy(buffer, JAVA_BYTE, 0, chunk, 0, (int) n);
                writer.write(chunk, 0, (int) n);
                background.update(chunk, (int) n);
                logical += n;
                listener.dataRead(entry, n);
            }
        }
        if (shortBy > 0) {
            zeros(writer.remaining(), false);
        }
        background.zeros(st.size() - logical);
        Stat after = Posix.stat(fd);
        boolean changed = shortBy > 0 || !sameContent(st, after);
        if (failure != null) {
            warnings.warn(entry.path(), "reading failed at offset " + logical + ": " + failure.getMessage() + "; "
                    + shortBy + " of " + member.storedDataSize() + " archived bytes are zeros; marked as changed");
        } else if (shortBy > 0) {
            warnings.warn(entry.path(), "shrank while it was read: " + shortBy + " of " + member.storedDataSize()
                    + " archived bytes are zeros; marked as changed");
        } else if (changed) {
            warnings.warn(entry.path(), "changed while it was read (size " + st.size() + " -> " + after.size()
                    + ", mtime " + st.mtimeNs() + " -> " + after.mtimeNs() + "); the archived copy may mix old and new"
                    + " data and is marked as changed");
        }
        return new Copied(member, offset, background.digest(), changed);
    }

    private void zeros(long n, boolean hash) throws IOException {
        while (n > 0) {
            int k = (int) Math.min(n, ZEROS.length);
            writer.write(ZEROS, 0, k);
            if (hash) {
                sha.update(ZEROS, 0, k);
            }
            n -= k;
        }
    }

    private static boolean sameContent(Stat a, Stat b) {
        return a.size() == b.size() && a.mtimeNs() == b.mtimeNs() && a.ctimeNs() == b.ctimeNs() && a.inode() == b.inode();
    }

    @Override
    public void close() {
        background.close();
        arena.close();
    }
}
