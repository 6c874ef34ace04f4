package org.lanfree.fs.testtree;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.lanfree.fs.archive.ArchiveListener;
import org.lanfree.fs.archive.ArchiveSummary;
import org.lanfree.fs.archive.OwnerNames;
import org.lanfree.fs.archive.TreeArchiver;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.tree.WalkOptions;
import org.lanfree.fs.tree.WarningList;

/** Writes test archives of real trees. */
public final class Archives {

    private Archives() {
    }

    /** A full backup of {@code root} into {@code archive}; fails on any warning. */
    public static ArchiveSummary write(Path root, Path archive, ArchiveListener listener) throws IOException {
        WarningList warnings = new WarningList(10);
        ArchiveSummary summary;
        try (OutputStream out = Files.newOutputStream(archive)) {
            summary = new TreeArchiver(WalkOptions.DEFAULT, warnings, listener, OwnerNames.fromSystem(), Clock.systemUTC())
                    .archive(ByteString.of(root.toString()), out);
        }
        if (warnings.count() > 0) {
            throw new AssertionError("backing up " + root + " met " + warnings);
        }
        return summary;
    }

    public static byte[] inMemory(java.util.function.Consumer<org.lanfree.fs.archive.PaxWriter> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        org.lanfree.fs.archive.PaxWriter writer = new org.lanfree.fs.archive.PaxWriter(out);
        body.accept(writer);
        try {
            writer.finish();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
