package org.lanfree.fs.archive;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.tree.WalkOptions;
import org.lanfree.fs.tree.WarningList;

/** A backup run in a child process (as another user): {@code ArchiveAsUser ROOT ARCHIVE}; prints the warnings and the summary. */
public final class ArchiveAsUser {

    private ArchiveAsUser() {
    }

    public static void main(String[] args) throws Exception {
        WarningList warnings = new WarningList(100);
        ArchiveSummary summary;
        try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
            summary = new TreeArchiver(WalkOptions.DEFAULT, warnings, ArchiveListener.NONE, OwnerNames.fromSystem(),
                    Clock.systemUTC()).archive(ByteString.of(args[0]), out);
        }
        for (WarningList.Warning w : warnings.kept()) {
            System.out.println("WARNING " + w);
        }
        System.out.println("SUMMARY " + summary);
    }
}
