package org.lanfree.fs.restore;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.security.MessageDigest;
import java.util.List;
import org.lanfree.fs.archive.ArchiveEntry;
import org.lanfree.fs.archive.ArchiveFormatException;
import org.lanfree.fs.archive.EntryType;
import org.lanfree.fs.archive.PaxReader;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Errno;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.FileData;
import org.lanfree.fs.posix.FileKind;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.posix.PosixException;
import org.lanfree.fs.posix.Stat;
import org.lanfree.fs.tree.Warnings;

/**
 * Applies one archive of a chain under the target: creates or replaces each member, then, after
 * the tree's members (folders given their metadata), acts on the trailer: {@code .lanfree/SHA256SUMS}
 * checks the files written ({@link ContentSums}), {@code .lanfree/DELETED} removes what the backup
 * found deleted. For an incremental ({@code replacing}), a member whose
 * path holds a folder that is no longer one replaces the folder and everything under it.
 */
final class ArchiveApplier {

    private static final ByteString DELETED = ByteString.of(".lanfree/DELETED");
    private static final ByteString SUMS = ByteString.of(".lanfree/SHA256SUMS");
    private static final byte[] ZEROS = new byte[64 * 1024];
    private static final int CREATE = Posix.O_WRONLY | Posix.O_CREAT | Posix.O_EXCL | Posix.NOFOLLOW;

    private final Fd target;
    private final RestoreOptions options;
    private final Warnings warnings;
    private final boolean replacing;
    private final MemorySegment buffer;
    private final byte[] heap;
    private final MetadataApplier metadata;
    private final boolean root = Posix.isRoot();
    private final TreeRemover remover = new TreeRemover();
    private final MessageDigest sha = ContentSums.sha256();
    private final ContentSums sums = new ContentSums();
    private PaxReader reader;
    private long restored;
    private long files;
    private long dataBytes;
    private long deleted;
    private long skipped;

    ArchiveApplier(Fd target, RestoreOptions options, Warnings warnings, boolean replacing, MemorySegment buffer, byte[] heap) {
        this.target = target;
        this.options = options;
        this.warnings = warnings;
        this.replacing = replacing;
        this.buffer = buffer;
        this.heap = heap;
        this.metadata = new MetadataApplier(options.owners(), warnings);
    }

    /** Applies every member {@code reader} yields; the summary has no warning count (the caller counts them). */
    RestoreSummary apply(PaxReader reader) throws IOException {
        this.reader = reader;
        DirectoryCursor cursor = new DirectoryCursor(target, metadata);
        try {
            ArchiveEntry e;
            while ((e = reader.next()) != null) {
                if (reader.isTrailer()) {
                    cursor.close();
                    trailer(e);
                } else {
                    member(cursor, e);
                }
            }
        } finally {
            try {
                cursor.close();
            } finally {
                sums.close();
            }
        }
        return new RestoreSummary(restored, files, dataBytes, deleted, skipped, 0);
    }

    private void trailer(ArchiveEntry e) throws IOException {
        if (e.type() != EntryType.FILE) {
            return;
        }
        if (e.path().equals(SUMS)) {
            sums.check(reader, warnings);
        } else if (e.path().equals(DELETED)) {
            deleted += new Deletions(target, options, metadata, warnings).apply(reader);
        }
    }

    private void member(DirectoryCursor cursor, ArchiveEntry e) throws IOException {
        boolean selected = e.type() == EntryType.DIRECTORY ? options.selects(e.path()) : options.selectsWhole(e.path());
        if (!selected) {
            skipped++;
            return;
        }
        String problem = SafePath.problem(e.path());
        if (problem != null) {
            warnings.warn(e.path(), "left out: the path " + problem);
            skipped++;
            return;
        }
        List<ByteString> components = SafePath.components(e.path());
        try {
            if (components.isEmpty()) {
                if (e.type() == EntryType.DIRECTORY) {
                    cursor.enter(components, 0);
                    cursor.setMetadata(e);
                }
                return;
            }
            one(cursor, e, components);
            restored++;
        } catch (MemberSkipped ex) {
            warnings.warn(e.path(), ex.getMessage());
            skipped++;
        } catch (PosixException ex) {
            warnings.warn(e.path(), "not restored: " + ex.getMessage() + (ex.errno() == Errno.ENOTDIR
                    || ex.errno() == Errno.ELOOP ? " (a folder on the way is a symlink or a file: a restore never"
                    + " writes through one)" : ""));
            skipped++;
        }
    }

    private void one(DirectoryCursor cursor, ArchiveEntry e, List<ByteString> components) throws IOException, MemberSkipped {
        int last = components.size() - 1;
        Fd parent = cursor.enter(components, last);
        ByteString name = components.get(last);
        switch (e.type()) {
            case DIRECTORY -> {
                makeDirectory(parent, name, e);
                cursor.enter(components, components.size());
                cursor.setMetadata(e);
            }
            case FILE -> file(parent, name, e);
            case HARDLINK -> hardLink(parent, name, e);
            case SYMLINK -> {
                clear(parent, name, e);
                Posix.symlinkAt(e.linkTarget(), parent, name);
                metadata.apply(parent, name, e);
            }
            case FIFO, SOCKET -> node(parent, name, e, 0);
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                if (!root) {
                    throw new MemberSkipped("not restored: device nodes are made only as root");
                }
                node(parent, name, e, Stat.makedev(e.devMajor(), e.devMinor()));
            }
            default -> throw new IllegalStateException("unknown member type " + e.type());
        }
    }

    private void makeDirectory(Fd parent, ByteString name, ArchiveEntry e) throws PosixException, MemberSkipped {
        try {
            Posix.mkdirAt(parent, name, 0700);
        } catch (PosixException ex) {
            if (ex.errno() != Errno.EEXIST) {
                throw ex;
            }
            if (!Posix.statAt(parent, name).isDirectory()) {
                clear(parent, name, e);
                Posix.mkdirAt(parent, name, 0700);
            }
        }
    }

    private void node(Fd parent, ByteString name, ArchiveEntry e, long rdev) throws PosixException, MemberSkipped {
        clear(parent, name, e);
        Posix.mknodAt(parent, name, e.type().kind().bits() | 0600, rdev);
        metadata.apply(parent, name, e);
    }

    private void file(Fd parent, ByteString name, ArchiveEntry e) throws IOException, MemberSkipped {
        clear(parent, name, e);
        sha.reset();
        try (Fd f = Posix.openAt(parent, name, CREATE, 0600)) {
            if (e.sparse() == null) {
                copy(f, e.size(), -1);
            } else {
                long hashed = 0;
                for (int i = 0; i < e.sparse().regions(); i++) {
                    zeros(e.sparse().offset(i) - hashed);
                    copy(f, e.sparse().length(i), e.sparse().offset(i));
                    hashed = e.sparse().offset(i) + e.sparse().length(i);
                }
                zeros(e.size() - hashed);
                FileData.truncate(f, e.size());
            }
            metadata.apply(f, e);
        }
        sums.record(e.path(), sha.digest());
        files++;
        dataBytes += e.size();
    }

    /** Copies {@code length} bytes of the member's data to {@code f}: at {@code offset}, or where it stands when -1. */
    private void copy(Fd f, long length, long offset) throws IOException {
        long done = 0;
        while (done < length) {
            int n = reader.read(heap, 0, (int) Math.min(heap.length, length - done));
            if (n < 0) {
                throw new ArchiveFormatException("member data ends early at offset " + reader.position());
            }
            sha.update(heap, 0, n);
            MemorySegment.copy(heap, 0, buffer, JAVA_BYTE, 0, n);
            if (offset < 0) {
                FileData.writeFully(f, buffer, n);
            } else {
                FileData.pwriteFully(f, buffer, n, offset + done);
            }
            done += n;
        }
    }

    /** Hashes a hole: the archive's sums are over the content with holes read as zeros. */
    private void zeros(long n) {
        for (long left = n; left > 0; left -= ZEROS.length) {
            sha.update(ZEROS, 0, (int) Math.min(left, ZEROS.length));
        }
    }

    private void hardLink(Fd parent, ByteString name, ArchiveEntry e) throws PosixException, MemberSkipped {
        String problem = SafePath.problem(e.linkTarget());
        List<ByteString> to = SafePath.components(e.linkTarget());
        if (problem != null || to.isEmpty()) {
            throw new MemberSkipped("left out: its hard link target " + e.linkTarget() + " "
                    + (problem == null ? "is the target folder itself" : problem));
        }
        clear(parent, name, e);
        Fd dir = target;
        try {
            for (int i = 0; i < to.size() - 1; i++) {
                Fd next = Posix.openAt(dir, to.get(i), Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.NOFOLLOW, 0);
                if (dir != target) {
                    dir.close();
                }
                dir = next;
            }
            Posix.linkAt(dir, to.getLast(), parent, name);
        } finally {
            if (dir != target) {
                dir.close();
            }
        }
    }

    /**
     * Removes what is in the way of a non-folder: a non-folder (one an earlier archive or member
     * made, or one there when forced) and, in an incremental, a folder with its contents, since the
     * backup says the path is no longer a folder. A full restore leaves a folder in the way alone.
     */
    private void clear(Fd parent, ByteString name, ArchiveEntry e) throws PosixException, MemberSkipped {
        Stat st;
        try {
            st = Posix.statAt(parent, name);
        } catch (PosixException ex) {
            if (ex.errno() == Errno.ENOENT) {
                return;
            }
            throw ex;
        }
        if (st.kind() != FileKind.DIRECTORY) {
            Posix.unlinkAt(parent, name, false);
        } else if (replacing) {
            remover.remove(parent, name);
        } else {
            throw new MemberSkipped("not restored: a folder is in the way of this " + e.type().name().toLowerCase()
                    + "; it is left as it is");
        }
    }
}
