package org.lanfree.fs.archive;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
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
 * treated like a file that shrank. The archive stays valid either way. The SHA-256 is computed by
 * {@link ParallelDigests} while the next buffers and files are read, so it comes as a future.
 */
final class FileCopier implements AutoCloseable {

    static final int BUFFER = 1 << 20;
    static final int ATTEMPTS = 3;
    private static final byte[] ZEROS = new byte[64 * 1024];

    /** What became of one file; {@code sha256} completes once its content is hashed. */
    record Copied(ArchiveEntry member, long offset, CompletableFuture<byte[]> sha256, boolean changedWhileRead) {
    }

    private final Arena arena = Arena.ofConfined();
    /** Where files are read to: a small file whole, so it can be read again before anything is written. */
    private final MemorySegment staging = arena.allocate(BUFFER, 4096);
    private final ParallelDigests digests = new ParallelDigests();
    private final PaxWriter writer;
    private final Warnings warnings;
    private final ArchiveListener listener;
    private final MemberFactory members;

    FileCopier(PaxWriter writer, Warnings warnings, ArchiveListener listener, MemberFactory members) {
        this.writer = writer;
        this.warnings = warnings;
        this.listener = listener;
        this.members = members;
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
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int read = readWhole(fd, (int) before.size(), entry);
            Stat after = Posix.stat(fd);
            boolean consistent = sameContent(before, after) && read == before.size();
            if (consistent || attempt == ATTEMPTS) {
                boolean changed = !consistent;
                if (changed) {
                    warnings.warn(entry.path(), "changed while it was read, " + ATTEMPTS + " times; archived as last"
                            + " read (" + read + " of " + before.size() + " bytes, the rest zeros) and marked as changed");
                }
                ArchiveEntry member = members.member(entry, before, null);
                long offset = writer.position();
                writer.begin(member);
                long rest = before.size() - read;
                if (before.size() <= ParallelDigests.SMALL && rest == 0) {
                    byte[] batch = digests.batchRoom(read);
                    int at = digests.batchOffset();
                    MemorySegment.copy(staging, JAVA_BYTE, 0, batch, at, read);
                    if (read > 0) {
                        writer.write(batch, at, read);
                    }
                    return new Copied(member, offset, digests.addToBatch(read), changed);
                }
                ParallelDigests.FileDigest sha = digests.start();
                for (int at = 0; at < read; at += ParallelDigests.PIECE) {
                    int n = Math.min(ParallelDigests.PIECE, read - at);
                    byte[] piece = digests.take();
                    MemorySegment.copy(staging, JAVA_BYTE, at, piece, 0, n);
                    sha.update(piece, n);
                    writer.write(piece, 0, n);
                }
                zeros(writer.remaining());
                sha.zeros(rest);
                return new Copied(member, offset, sha.finish(), changed);
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
            long n = FileData.pread(fd, staging.asSlice(done), size - done, done);
            if (n == 0) {
                break;
            }
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
        ParallelDigests.FileDigest sha = digests.start();
        long logical = 0;
        long shortBy = 0;
        PosixException failure = null;
        int regions = map == null ? 1 : map.regions();
        for (int r = 0; r < regions && shortBy == 0; r++) {
            long start = map == null ? 0 : map.offset(r);
            long end = start + (map == null ? st.size() : map.length(r));
            sha.zeros(start - logical);
            logical = start;
            while (logical < end) {
                long n;
                try {
                    n = FileData.pread(fd, staging, Math.min(ParallelDigests.PIECE, end - logical), logical);
                } catch (PosixException e) {
                    failure = e;
                    n = 0;
                }
                if (n == 0) {
                    shortBy = writer.remaining();
                    break;
                }
                byte[] piece = digests.take();
                MemorySegment.copy(staging, JAVA_BYTE, 0, piece, 0, (int) n);
                sha.update(piece, (int) n);
                writer.write(piece, 0, (int) n);
                logical += n;
                listener.dataRead(entry, n);
            }
        }
        if (shortBy > 0) {
            zeros(writer.remaining());
        }
        sha.zeros(st.size() - logical);
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
        return new Copied(member, offset, sha.finish(), changed);
    }

    /** Writes {@code n} zeros of the current member's data. */
    private void zeros(long n) throws IOException {
        while (n > 0) {
            int k = (int) Math.min(n, ZEROS.length);
            writer.write(ZEROS, 0, k);
            n -= k;
        }
    }

    private static boolean sameContent(Stat a, Stat b) {
        return a.size() == b.size() && a.mtimeNs() == b.mtimeNs() && a.ctimeNs() == b.ctimeNs() && a.inode() == b.inode();
    }

    /** Hands the files still waiting in a batch to be hashed: before waiting for their digests. */
    void flush() {
        digests.flushBatch();
    }

    @Override
    public void close() {
        digests.close();
        arena.close();
    }
}
