package org.lanfree.fs.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lanfree.fs.testtree.TestTree.b;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.restore.RestoreOptions;
import org.lanfree.fs.restore.TreeRestorer;
import org.lanfree.fs.testtree.Cleanup;
import org.lanfree.fs.testtree.Commands;
import org.lanfree.fs.testtree.TestTree;
import org.lanfree.fs.testtree.TreeSnapshot;
import org.lanfree.fs.tree.WalkOptions;
import org.lanfree.fs.tree.WarningList;

/** The admin's recovery path: GNU tar alone lists and extracts what the agent wrote. */
class GnuTarCompatibilityTest {

    @TempDir
    Path temp;

    @AfterEach
    void removeDeepPaths() throws Exception {
        Cleanup.emptyFolder(temp);
    }

    @Test
    void gnuTarExtractsTheSameTreeAndSha256sumChecksIt() throws Exception {
        Path source = Files.createDirectory(temp.resolve("source"));
        Path target = Files.createDirectory(temp.resolve("target"));
        Path archive = temp.resolve("backup.tar");
        TestTree.everyCase(source).close();
        WarningList warnings = new WarningList(10);
        ArchiveSummary summary;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive))) {
            summary = new TreeArchiver(WalkOptions.DEFAULT, warnings, ArchiveListener.NONE, OwnerNames.fromSystem(),
                    Clock.systemUTC()).archive(ByteString.of(source.toString()), out);
        }
        assertEquals(0, warnings.count(), warnings.toString());
        assertTrue(!summary.completedWithWarnings());
        assertTrue(Files.size(archive) < 64 << 20, "the sparse file must not be archived as zeros: " + Files.size(archive));

        String listing = Commands.run(temp, "tar", "--numeric-owner", "-tvf", archive.toString());
        assertTrue(listing.contains(" sparse.img\n"), listing);
        assertTrue(listing.contains(String.valueOf(TestTree.SPARSE_SIZE)), listing);

        // GNU tar cannot extract a path past PATH_MAX (not even from its own archives): the deep
        // folder is left to lanfree's restore; it warns about the pax keywords it does not know
        String out = Commands.run(target, "tar", "-xf", archive.toString(), "--xattrs", "--xattrs-include=*",
                "--numeric-owner", "--exclude=deep", "--exclude=.lanfree", "--warning=no-unknown-keyword");
        assertEquals("", out);
        // sha256sum reads the 4 GiB of holes at some 200 MB/s here: the sparse file's line is left
        // out (its data regions are compared below), as are the paths GNU tar could not extract
        Commands.run(temp, "sh", "-c", "tar -xOf backup.tar .lanfree/SHA256SUMS > sums");
        Commands.run(target, "sh", "-c", "grep -v -e '  deep/' -e '  sparse.img$' ../sums | sha256sum --quiet --strict -c -");
        assertTrue(Files.readString(temp.resolve("sums"), java.nio.charset.StandardCharsets.ISO_8859_1).contains("  new\\nline\n"),
                "a path with a newline is escaped as sha256sum does");

        List<String> expected = TreeSnapshot.of(source, TreeSnapshot.Facts.ALL);
        expected.removeIf(l -> l.startsWith("deep"));
        List<String> actual = TreeSnapshot.of(target, TreeSnapshot.Facts.ALL);
        // GNU tar has no socket type: it makes an empty file of the zero-size member
        assertTrue(actual.removeIf(l -> l.startsWith("socket REGULAR")), String.join("\n", actual));
        expected.removeIf(l -> l.startsWith("socket SOCKET"));
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        assertTrue(expected.stream().anyMatch(l -> l.startsWith(b("dir").resolve(TestTree.NOT_UTF8) + " ")));
    }

    @Test
    void lanfreeRestoresWhatGnuTarArchived() throws Exception {
        Path source = Files.createDirectory(temp.resolve("source"));
        Path target = temp.resolve("target");
        TestTree.everyCase(source).close();
        Path archive = temp.resolve("gnu.tar");
        Commands.run(source, "tar", "--format=pax", "--sparse", "--sparse-version=1.0", "--xattrs", "--xattrs-include=*",
                "--numeric-owner", "-cf", archive.toString(), ".");

        WarningList warnings = new WarningList(10);
        try (var in = Files.newInputStream(archive)) {
            new TreeRestorer(RestoreOptions.defaults(), warnings).restore(in, ByteString.of(target.toString()));
        }

        assertEquals(0, warnings.count(), warnings.toString());
        List<String> expected = TreeSnapshot.of(source, TreeSnapshot.Facts.ALL);
        List<String> actual = TreeSnapshot.of(target, TreeSnapshot.Facts.ALL);
        // GNU tar leaves sockets out ("socket ignored")
        expected.removeIf(l -> l.startsWith("socket SOCKET"));
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }
}
