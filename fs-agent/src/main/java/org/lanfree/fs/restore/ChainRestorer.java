package org.lanfree.fs.restore;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.lanfree.fs.archive.PaxReader;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.DirectoryListing;
import org.lanfree.fs.posix.Errno;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.posix.PosixException;
import org.lanfree.fs.tree.Warnings;

/**
 * Restores a backup chain into one target: the full backup's archive, then each incremental's in
 * order, each handed over by {@link #restore} once the one before is consumed (they come one after
 * another off one connection). The result is the tree as of the last archive applied: members of
 * an incremental replace what the earlier archives made at their paths (whatever its type), paths
 * in its {@code .lanfree/DELETED} are removed, and every folder ends with the metadata of the last
 * archive that carries it. The same {@link RestoreOptions} hold for every archive; the refusal of
 * a target that is not empty applies to the first only.
 *
 * <pre>
 * try (ChainRestorer chain = new ChainRestorer(target, options, warnings)) {
 *     for (each archive, full first) chain.restore(in);
 *     return chain.summary();
 * }
 * </pre>
 */
public final class ChainRestorer implements AutoCloseable {

    private static final int BUFFER = 1 << 20;

    private final ByteString target;
    private final RestoreOptions options;
    private final Warnings warnings;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment buffer = arena.allocate(BUFFER, 4096);
    private final byte[] heap = new byte[BUFFER];
    private Fd targetFd;
    private int archives;
    private long warningCount;
    private RestoreSummary total = new RestoreSummary(0, 0, 0, 0, 0, 0);

    /** Nothing is touched until the first {@link #restore}; {@code target} is created then if missing. */
    public ChainRestorer(ByteString target, RestoreOptions options, Warnings warnings) {
        this.target = target;
        this.options = options;
        this.warnings = (path, problem) -> {
            warningCount++;
            warnings.warn(path, problem);
        };
    }

    /**
     * Applies the next archive of the chain, read from {@code in}, which is read to its end (what
     * follows the archive's end, such as tar's record padding, is skipped) and not closed.
     *
     * @return what this archive did
     * @throws RestoreRefusedException for the first archive, when the target is not empty and the
     *                                 restore is not forced; nothing was written
     */
    public RestoreSummary restore(InputStream in) throws IOException {
        if (targetFd == null) {
            targetFd = openTarget(target);
        }
        if (archives == 0 && !options.force()) {
            refuseIfNotEmpty();
        }
        long warningsBefore = warningCount;
        ArchiveApplier applier = new ArchiveApplier(targetFd, options, warnings, archives > 0, buffer, heap);
        BufferedInputStream buffered = new BufferedInputStream(in, 256 * 1024);
        RestoreSummary one = applier.apply(new PaxReader(buffered));
        while (buffered.read(heap) >= 0) {
            // the rest of the stream: padding after the archive's end
        }
        one = new RestoreSummary(one.restored(), one.files(), one.dataBytes(), one.deleted(), one.skipped(),
                warningCount - warningsBefore);
        archives++;
        total = total.plus(one);
        return one;
    }

    /** What the archives applied so far did, added up. */
    public RestoreSummary summary() {
        return total;
    }

    /** How many archives were applied. */
    public int archives() {
        return archives;
    }

    private void refuseIfNotEmpty() throws IOException {
        List<ByteString> names = DirectoryListing.names(targetFd);
        if (!names.isEmpty()) {
            throw new RestoreRefusedException("restore target " + target + " is not empty (" + names.size()
                    + " names, such as '" + names.getFirst() + "'); HINT: restore into an empty or new folder,"
                    + " or force it (--force) to restore over what is there");
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

    @Override
    public void close() throws IOException {
        try {
            if (targetFd != null) {
                targetFd.close();
            }
        } finally {
            arena.close();
        }
    }
}
