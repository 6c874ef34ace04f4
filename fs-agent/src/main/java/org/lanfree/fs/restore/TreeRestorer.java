package org.lanfree.fs.restore;

import java.io.IOException;
import java.io.InputStream;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.tree.Warnings;

/**
 * Restores one archive stream under a target folder: a chain of one ({@link ChainRestorer}).
 * Members are created relative to descriptors opened from the target without following symlinks
 * ({@link DirectoryCursor}), so an archive holding {@code a -> /etc} and then {@code a/passwd}
 * cannot write outside the target: opening {@code a} as a folder fails and the member is a
 * warning. File data is written region by region, so holes stay holes. Owners are set only when
 * asked (as root); devices are made only as root.
 */
public final class TreeRestorer {

    private final RestoreOptions options;
    private final Warnings warnings;

    public TreeRestorer(RestoreOptions options, Warnings warnings) {
        this.options = options;
        this.warnings = warnings;
    }

    /** Restores the archive read from {@code in} under {@code target}, which is created if missing. */
    public RestoreSummary restore(InputStream in, ByteString target) throws IOException {
        try (ChainRestorer chain = new ChainRestorer(target, options, warnings)) {
            return chain.restore(in);
        }
    }
}
