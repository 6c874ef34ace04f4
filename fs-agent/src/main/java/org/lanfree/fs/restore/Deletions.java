package org.lanfree.fs.restore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.lanfree.fs.archive.PaxReader;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Errno;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.PosixException;
import org.lanfree.fs.tree.Warnings;

/**
 * Applies an incremental's {@code .lanfree/DELETED} member: each path (raw bytes, ended by a NUL,
 * in tree order) is removed under the target, a folder with everything under it. A path whose
 * folder on the way is gone, or is now a file or a symlink, is already absent: nothing to do, and
 * no symlink is ever followed to find it. Only paths at or under a selected path are removed. The
 * folders they are removed from keep their mode and times ({@link DirectoryCursor}).
 */
final class Deletions {

    private final Fd target;
    private final RestoreOptions options;
    private final MetadataApplier metadata;
    private final Warnings warnings;
    private final TreeRemover remover = new TreeRemover();
    private long removed;

    Deletions(Fd target, RestoreOptions options, MetadataApplier metadata, Warnings warnings) {
        this.target = target;
        this.options = options;
        this.metadata = metadata;
        this.warnings = warnings;
    }

    /** Reads the member's data from {@code reader} and removes each path it names; returns how many were removed. */
    long apply(PaxReader reader) throws IOException {
        removed = 0;
        ByteArrayOutputStream path = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try (DirectoryCursor cursor = new DirectoryCursor(target, metadata, false)) {
            int n;
            while ((n = reader.read(buffer, 0, buffer.length)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == 0) {
                        path.write(buffer, start, i - start);
                        one(cursor, ByteString.of(path.toByteArray()));
                        path.reset();
                        start = i + 1;
                    }
                }
                path.write(buffer, start, n - start);
            }
        }
        return removed;
    }

    private void one(DirectoryCursor cursor, ByteString path) {
        if (path.isEmpty() || !options.selectsWhole(path)) {
            return;
        }
        String problem = SafePath.problem(path);
        if (problem != null) {
            warnings.warn(path, "deletion left out: the path " + problem);
            return;
        }
        List<ByteString> components = SafePath.components(path);
        if (components.isEmpty()) {
            return;
        }
        int last = components.size() - 1;
        Fd parent;
        try {
            parent = cursor.enter(components, last);
        } catch (PosixException e) {
            if (e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR || e.errno() == Errno.ELOOP) {
                return; // a folder on the way is gone or no longer a folder: the path is already absent
            }
            warnings.warn(path, "not deleted: " + e.getMessage());
            return;
        }
        try {
            if (remover.remove(parent, components.get(last))) {
                removed++;
            }
        } catch (PosixException e) {
            warnings.warn(path, "not deleted (the backup says it was deleted): " + e.getMessage());
        }
    }
}
