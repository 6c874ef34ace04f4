package org.lanfree.fs.restore;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.tree.WarningList;

/** A restore run in a child process (as another user): {@code RestoreAsUser ARCHIVE TARGET}; prints the warnings and the summary. */
public final class RestoreAsUser {

    private RestoreAsUser() {
    }

    public static void main(String[] args) throws Exception {
        WarningList warnings = new WarningList(100);
        RestoreSummary summary;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            summary = new TreeRestorer(RestoreOptions.defaults(), warnings).restore(in, ByteString.of(args[1]));
        }
        for (WarningList.Warning w : warnings.kept()) {
            System.out.println("WARNING " + w);
        }
        System.out.println("SUMMARY " + summary);
    }
}
