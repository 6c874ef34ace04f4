package org.lanfree.fs.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lanfree.fs.testtree.TestTree.b;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.fs.archive.ArchiveListener;
import org.lanfree.fs.archive.ArchiveSummary;
import org.lanfree.fs.archive.OwnerNames;
import org.lanfree.fs.archive.TreeArchiver;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.testtree.Cleanup;
import org.lanfree.fs.testtree.TestTree;
import org.lanfree.fs.testtree.TreeSnapshot;
import org.lanfree.fs.tree.Fingerprint;
import org.lanfree.fs.tree.TreeWalker;
import org.lanfree.fs.tree.WalkOptions;
import org.lanfree.fs.tree.WarningList;

/** Backup chains of real trees written by {@link TreeArchiver}, restored archive after archive. */
class ChainRestorerTest {

    /** Where the chain is made, once for every test (the every-case tree's 4 GiB sparse file is slow to hash). */
    @TempDir
    static Path shared;

    private static Chain chain;

    @TempDir
    Path temp;

    @BeforeAll
    static void makeTheChain() throws Exception {
        chain = threeLevels(shared);
    }

    @AfterEach
    void removeDeepPaths() throws Exception {
        Cleanup.emptyFolder(temp);
    }

    @AfterAll
    static void removeTheChain() throws Exception {
        Cleanup.emptyFolder(shared);
    }

    /** Three levels of one tree: archives, the tree's snapshot at each level, and a folder outside it. */
    private record Chain(List<Path> archives, List<List<String>> snapshots, Path outside) {
    }

    @Test
    void aThreeLevelChainRestoresTheTreeOfTheLastLevel() throws Exception {
        Path target = temp.resolve("target");
        WarningList warnings = new WarningList(10);

        RestoreSummary summary = restore(chain.archives(), target, RestoreOptions.defaults(), warnings);

        assertEquals(0, warnings.count(), warnings.toString());
        assertEquals(String.join("\n", chain.snapshots().get(2)), String.join("\n", TreeSnapshot.of(target, TreeSnapshot.Facts.ALL)));
        assertTrue(summary.deleted() > 0, summary.toString());
        assertEquals("must stay", Files.readString(chain.outside().resolve("victim")),
                "a deletion under a folder that became a symlink is not followed out of the target");
    }

    @Test
    void aChainStoppedAtTheSecondLevelRestoresTheTreeOfThatLevel() throws Exception {
        Path target = temp.resolve("target");
        WarningList warnings = new WarningList(10);

        restore(chain.archives().subList(0, 2), target, RestoreOptions.defaults(), warnings);

        assertEquals(0, warnings.count(), warnings.toString());
        assertEquals(String.join("\n", chain.snapshots().get(1)), String.join("\n", TreeSnapshot.of(target, TreeSnapshot.Facts.ALL)));
    }

    @Test
    void aSelectiveChainRestoreAppliesTheSelectionToEveryArchive() throws Exception {
        Path target = temp.resolve("target");
        Set<ByteString> selected = Set.of(b("type-changes"), b("new-folder"), b("to-delete"), b("trap"));

        restore(chain.archives(), target, RestoreOptions.defaults().selecting(List.copyOf(selected)), new WarningList(10));

        List<String> expected = new ArrayList<>(chain.snapshots().get(2));
        expected.removeIf(line -> selected.stream().noneMatch(s -> line.startsWith(s + " ") || line.startsWith(s + "/")));
        assertTrue(expected.size() > 8, expected.toString());
        assertEquals(String.join("\n", expected), String.join("\n",
                TreeSnapshot.of(ByteString.of(target.toString()), TreeSnapshot.Facts.ALL, p -> !p.isEmpty())));
    }

    @Test
    void onlyTheFirstArchiveRefusesATargetThatIsNotEmpty() throws Exception {
        Path target = Files.createDirectory(temp.resolve("target"));
        Files.writeString(target.resolve("already-there"), "x");
        try (ChainRestorer restorer = new ChainRestorer(ByteString.of(target.toString()), RestoreOptions.defaults(),
                new WarningList(1)); InputStream in = Files.newInputStream(chain.archives().getFirst())) {
            assertThrows(RestoreRefusedException.class, () -> restorer.restore(in));
        }
        Files.delete(target.resolve("already-there"));

        restore(chain.archives(), target, RestoreOptions.defaults(), new WarningList(1));

        assertEquals(String.join("\n", chain.snapshots().get(2)), String.join("\n", TreeSnapshot.of(target, TreeSnapshot.Facts.ALL)));
    }

    private static RestoreSummary restore(List<Path> archives, Path target, RestoreOptions options, WarningList warnings)
            throws IOException {
        try (ChainRestorer chain = new ChainRestorer(ByteString.of(target.toString()), options, warnings)) {
            for (Path archive : archives) {
                try (InputStream in = Files.newInputStream(archive)) {
                    chain.restore(in);
                }
            }
            assertEquals(archives.size(), chain.archives());
            return chain.summary();
        }
    }

    /**
     * Level 1: the every-case tree and folders to change. Level 2: additions, edits, renames of a
     * file and a folder, every type change, new modes. Level 3: deletions of files and of whole
     * folder trees, a folder replaced by a symlink to a folder outside holding the same names.
     */
    private static Chain threeLevels(Path temp) throws Exception {
        Path source = Files.createDirectory(temp.resolve("source"));
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("victim"), "must stay");
        List<Path> archives = new ArrayList<>();
        List<List<String>> snapshots = new ArrayList<>();
        try (TestTree t = TestTree.everyCase(source)) {
            t.dir("type-changes").file("type-changes/file-to-dir", "f").dir("type-changes/dir-to-file")
                    .file("type-changes/dir-to-file/inside", "i").dir("type-changes/dir-to-file/deeper")
                    .file("type-changes/dir-to-file/deeper/more", "m").file("type-changes/file-to-link", "f")
                    .symlink(b("type-changes/link-to-file"), b("plain.txt")).dir("type-changes/dir-to-link")
                    .file("type-changes/dir-to-link/gone", "g")
                    .file("dir/edited", "version 1").file("rename-me", "r").dir("old-folder")
                    .file("old-folder/kept", "k").dir("old-folder/sub").file("old-folder/sub/k2", "k2")
                    .dir("to-delete").dir("to-delete/a").dir("to-delete/a/b").file("to-delete/a/b/file", "x")
                    .symlink(b("to-delete/a/link"), b("/etc")).file("to-delete/top", "t")
                    .dir("trap").file("trap/victim", "inside the tree").dir(b("modes"), 0755)
                    .file("dir/sub/x", "x").touchDirectories();
        }
        snapshots.add(TreeSnapshot.of(source, TreeSnapshot.Facts.ALL));
        List<Fingerprint> level1 = fingerprints(source);
        archives.add(backup(temp, source, null, "level1.tar"));

        Path tc = source.resolve("type-changes");
        Files.delete(tc.resolve("file-to-dir"));
        Files.createDirectory(tc.resolve("file-to-dir"));
        Files.writeString(tc.resolve("file-to-dir/now-inside"), "n");
        deleteTree(tc.resolve("dir-to-file"));
        Files.writeString(tc.resolve("dir-to-file"), "was a folder");
        Files.delete(tc.resolve("file-to-link"));
        Files.createSymbolicLink(tc.resolve("file-to-link"), Path.of("../plain.txt"));
        Files.delete(tc.resolve("link-to-file"));
        Files.writeString(tc.resolve("link-to-file"), "was a symlink");
        deleteTree(tc.resolve("dir-to-link"));
        Files.createSymbolicLink(tc.resolve("dir-to-link"), Path.of("../dir"));
        Files.writeString(source.resolve("dir/edited"), "version 2, longer");
        Files.move(source.resolve("rename-me"), source.resolve("renamed"));
        Files.move(source.resolve("old-folder"), source.resolve("new-folder"));
        Files.writeString(source.resolve("new.txt"), "added");
        Files.createDirectories(source.resolve("added-dir/with"));
        Files.writeString(source.resolve("added-dir/with/file"), "added deep");
        Files.createLink(source.resolve("new-hard-link"), source.resolve("renamed"));
        Files.setPosixFilePermissions(source.resolve("modes"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(source.resolve("new.txt"), PosixFilePermissions.fromString("rw-------"));
        snapshots.add(TreeSnapshot.of(source, TreeSnapshot.Facts.ALL));
        List<Fingerprint> level2 = fingerprints(source);
        archives.add(backup(temp, source, level1, "level2.tar"));

        Files.delete(source.resolve("new.txt"));
        Files.delete(source.resolve("dir/sub/x"));
        deleteTree(source.resolve("to-delete"));
        deleteTree(source.resolve("new-folder/sub"));
        deleteTree(source.resolve("trap"));
        Files.createSymbolicLink(source.resolve("trap"), outside);
        Files.writeString(source.resolve("dir/edited"), "version 3");
        snapshots.add(TreeSnapshot.of(source, TreeSnapshot.Facts.ALL));
        archives.add(backup(temp, source, level2, "level3.tar"));
        return new Chain(archives, snapshots, outside);
    }

    private static Path backup(Path temp, Path source, List<Fingerprint> previous, String name) throws IOException {
        Path archive = temp.resolve(name);
        WarningList warnings = new WarningList(10);
        ArchiveSummary summary;
        try (OutputStream out = Files.newOutputStream(archive)) {
            summary = new TreeArchiver(WalkOptions.DEFAULT, warnings, ArchiveListener.NONE, OwnerNames.fromSystem(),
                    Clock.systemUTC()).archive(ByteString.of(source.toString()), previous == null ? null : previous.iterator(), out);
        }
        assertEquals(0, warnings.count(), warnings.toString());
        assertTrue(previous == null || summary.files() < 20, "an incremental carries only changes: " + summary);
        return archive;
    }

    /** The tree's fingerprints in walk order, as the catalog would hand them to the next backup. */
    private static List<Fingerprint> fingerprints(Path root) throws IOException {
        List<Fingerprint> out = new ArrayList<>();
        new TreeWalker(WalkOptions.DEFAULT, new WarningList(1)).walk(ByteString.of(root.toString()),
                visit -> out.add(visit.entry().fingerprint()));
        return out;
    }

    private static void deleteTree(Path p) throws Exception {
        org.lanfree.fs.testtree.Commands.run(p.getParent(), "rm", "-rf", p.toString());
    }
}
