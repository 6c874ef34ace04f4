package org.lanfree.fs.restore;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.lanfree.fs.archive.ArchiveEntry;
import org.lanfree.fs.archive.ArchiveFormatException;
import org.lanfree.fs.archive.EntryType;
import org.lanfree.fs.archive.PaxReader;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.DirectoryListing;
import org.lanfree.fs.posix.Errno;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.FileData;
import org.lanfree.fs.posix.FileKind;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.posix.PosixException;
import org.lanfree.fs.posix.Stat;
import org.lanfree.fs.tree.Warnings;

/**
 * Restores an archive stream under a target folder. Members are created relative to descriptors
 * opened from the target without following symlinks ({@link DirectoryCursor}), so an archive
 * holding {@code a -> /etc} and then {@code a/passwd} cannot write outside the target: opening
 * {@code a} as a folder fails and the member is a warning. File data is written region by region,
 * so holes stay holes. Owners are set only when asked (as root); devices are made only as root.
 */
public final class TreeRestorer {

    private static final int BUFFER = 1 << 20;
    private static final int CREATE = Posix.O_WRONLY | Posix.O_CREAT | Posix.O_EXCL | Posix.NOFOLLOW;

    private final RestoreOptions options;
    private final Warnings warnings;
    private final boolean root = Posix.isRoot();
    private long warningCount;

    public TreeRestorer(RestoreOptions options, Warnings warnings) {
        this.options = options;
        this.warnings = (path, problem) -> {
            warningCount++;
            warnings.warn(path, problem);
        };
    }

    /** Restores the archive read from {@code in} under {@code target}, which is created if missing. */
    public RestoreSummary restore(InputStream in, ByteString target) throws IOException {
        warningCount = 0;
        try (Fd targetFd = openTarget(target); Arena arena = Arena.ofConfined()) {
            if (!options.force()) {
                List<ByteString> names = DirectoryListing.names(targetFd);
                if (!names.isEmpty()) {
                    throw new RestoreRefusedException("restore target " + target + " is not empty (" + names.size()
                            + " names, such as '" + names.getFirst() + "'); HINT: restore into an empty or new folder,"
                            + " or force it (--force) to restore over what is there");
                }
            }
            Run run = new Run(targetFd, arena.allocate(BUFFER, 4096), new PaxReader(new BufferedInputStream(in, 256 * 1024)));
            try (DirectoryCursor cursor = new DirectoryCursor(targetFd, new MetadataApplier(options.owners(), warnings))) {
                run.all(cursor);
            }
            return new RestoreSummary(run.restored, run.files, run.dataBytes, run.skipped, warningCount);
        }
    }

    private static Fd openTarget(ByteString target) throws PosixException {
        int flags = Posix.O_RDONLY | Posix.O_DIRECTORY | Posix.O_CLOEXEC;
        try {
            return Posix.open(target, flags);
        } catch (PosixException e) {
            if (e.errno() != Errno.ENOENT) {
                throw e;
            }
        }
        ByteString parent = target.parent();
        try (Fd dir = Posix.open(parent.isEmpty() ? ByteString.of(target.length() > 0 && target.byteAt(0) == '/' ? "/" : ".")
                : parent, flags)) {
            Posix.mkdirAt(dir, target.fileName(), 0700);
        }
        return Posix.open(target, flags);
    }

    /** One restore's state. */
    private final class Run {
        final Fd target;
        final MemorySegment buffer;
        final byte[] heap = new byte[BUFFER];
        final PaxReader reader;
        final MetadataApplier metadata = new MetadataApplier(options.owners(), warnings);
        long restored;
        long files;
        long dataBytes;
        long skipped;

        Run(Fd target, MemorySegment buffer, PaxReader reader) {
            this.target = target;
            this.buffer = buffer;
            this.reader = reader;
        }

        void all(DirectoryCursor cursor) throws IOException {
            ArchiveEntry e;
            while ((e = reader.next()) != null) {
                if (reader.isTrailer()) {
                    continue;
                }
                if (!options.selects(e.path())) {
                    skipped++;
                    continue;
                }
                String problem = SafePath.problem(e.path());
                if (problem != null) {
                    warnings.warn(e.path(), "left out: the path " + problem);
                    skipped++;
                    continue;
                }
                List<ByteString> components = SafePath.components(e.path());
                try {
                    if (components.isEmpty()) {
                        if (e.type() == EntryType.DIRECTORY) {
                            cursor.enter(components, 0);
                            cursor.setMetadata(e);
                        }
                        continue;
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
            try (Fd f = Posix.openAt(parent, name, CREATE, 0600)) {
                if (e.sparse() == null) {
                    copy(f, e.size(), -1);
                } else {
                    for (int i = 0; i < e.sparse().regions(); i++) {
                        copy(f, e.sparse().length(i), e.sparse().offset(i));
                    }
                    FileData.truncate(f, e.size());
                }
                metadata.apply(f, e);
            }
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
                MemorySegment.copy(heap, 0, buffer, JAVA_BYTE, 0, n);
                if (offset < 0) {
                    FileData.writeFully(f, buffer, n);
                } else {
                    FileData.pwriteFully(f, buffer, n, offset + done);
                }
                done += n;
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

        /** Removes a non-folder in the way (one the archive made earlier, or one there when forced). */
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
            if (st.kind() == FileKind.DIRECTORY) {
                throw new MemberSkipped("not restored: a folder is in the way of this " + e.type().name().toLowerCase()
                        + "; it is left as it is");
            }
            Posix.unlinkAt(parent, name, false);
        }
    }
}
