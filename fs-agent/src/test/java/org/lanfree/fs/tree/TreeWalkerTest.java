package org.lanfree.fs.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lanfree.fs.testtree.TestTree.b;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.FileKind;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.testtree.Cleanup;
import org.lanfree.fs.testtree.TestTree;

class TreeWalkerTest {

    @TempDir
    Path temp;

    @AfterEach
    void removeDeepPaths() throws Exception {
        Cleanup.emptyFolder(temp);
    }

    private Map<ByteString, FsEntry> walk(WalkOptions options, WarningList warnings, List<ByteString> order) throws IOException {
        Map<ByteString, FsEntry> out = new HashMap<>();
        new TreeWalker(options, warnings).walk(ByteString.of(temp.toString()), visit -> {
            out.put(visit.entry().path(), visit.entry());
            order.add(visit.entry().path());
        });
        return out;
    }

    @Test
    void visitsEveryObjectOnceInTreeOrderWithoutFollowingSymlinks() throws IOException {
        ByteString deep;
        try (TestTree t = TestTree.everyCase(temp)) {
            deep = t.deepPath("deeper");
        }
        WarningList warnings = new WarningList(10);
        List<ByteString> order = new ArrayList<>();
        Map<ByteString, FsEntry> entries = walk(WalkOptions.DEFAULT, warnings, order);

        assertEquals(0, warnings.count(), warnings.toString());
        assertEquals(order.size(), entries.size(), "a path was visited twice");
        List<ByteString> sorted = new ArrayList<>(order);
        sorted.sort(TreeOrder.INSTANCE);
        assertEquals(sorted, order);
        assertEquals(ByteString.EMPTY, order.getFirst());
        assertTrue(deep.length() > 4096, "deep path is only " + deep.length() + " bytes");
        assertEquals(FileKind.REGULAR, entries.get(deep).kind());
        assertEquals(FileKind.REGULAR, entries.get(TestTree.NOT_UTF8).kind());
        assertEquals(FileKind.REGULAR, entries.get(b("dir").resolve(TestTree.NOT_UTF8).resolve(TestTree.NEWLINE)).kind());
        assertEquals(FileKind.SYMLINK, entries.get(b("link-abs")).kind());
        assertEquals(b("/etc/passwd"), entries.get(b("link-abs")).linkTarget());
        assertEquals(TestTree.NOT_UTF8, entries.get(b("link-bytes")).linkTarget());
        assertNull(entries.get(b("dir/hard")).hardLinkOf(), "the first of three links in walk order carries the data");
        assertEquals(b("dir/hard"), entries.get(b("dir/sub/hard2")).hardLinkOf());
        assertEquals(b("dir/hard"), entries.get(b("plain.txt")).hardLinkOf());
        assertEquals(FileKind.FIFO, entries.get(b("fifo")).kind());
        assertEquals(FileKind.SOCKET, entries.get(b("socket")).kind());
        assertEquals(TestTree.SPARSE_SIZE, entries.get(b("sparse.img")).stat().size());
        assertEquals("a comment", new String(entries.get(b("plain.txt")).xattrs().getFirst().value()));
        assertTrue(entries.get(b("with space.txt")).xattrs().stream()
                .anyMatch(x -> x.name().equals(b("system.posix_acl_access"))));
    }

    @Test
    void leavesOutWhatTheExcludesNameAndEverythingUnderAnExcludedDirectory() throws IOException {
        try (TestTree t = TestTree.at(temp)) {
            t.dir("src").file("src/a.c", "").file("src/a.o", "").dir("src/cache").file("src/cache/x", "")
                    .file("cache", "a file named cache is kept").dir("build").dir("build/tmp").file("build/tmp/t", "")
                    .file("build/keep", "");
        }
        List<ByteString> order = new ArrayList<>();
        walk(WalkOptions.DEFAULT.withExcludes(Excludes.of("*.o", "cache/", "/build/tmp")), new WarningList(1), order);
        assertEquals(List.of(b(""), b("build"), b("build/keep"), b("cache"), b("src"), b("src/a.c")), order);
    }

    @Test
    void oneFileSystemRecordsAMountPointButDoesNotEnterIt() throws Exception {
        Assumptions.assumeTrue(Posix.isRoot(), "mounting a tmpfs needs root");
        Path mnt = Files.createDirectory(temp.resolve("mnt"));
        Files.writeString(temp.resolve("here"), "x");
        run("mount", "-t", "tmpfs", "-o", "size=1m", "lanfree-test", mnt.toString());
        try {
            Files.writeString(mnt.resolve("inside"), "other file system");
            List<ByteString> within = new ArrayList<>();
            walk(WalkOptions.DEFAULT.withOneFileSystem(true), new WarningList(1), within);
            assertEquals(List.of(b(""), b("here"), b("mnt")), within);
            List<ByteString> across = new ArrayList<>();
            walk(WalkOptions.DEFAULT, new WarningList(1), across);
            assertEquals(List.of(b(""), b("here"), b("mnt"), b("mnt/inside")), across);
        } finally {
            run("umount", mnt.toString());
        }
    }

    @Test
    void anObjectThatVanishesDuringTheWalkIsAWarningAndTheWalkGoesOn() throws IOException {
        try (TestTree t = TestTree.at(temp)) {
            t.file("a", "").file("b", "").file("c", "");
        }
        WarningList warnings = new WarningList(10);
        List<ByteString> seen = new ArrayList<>();
        new TreeWalker(WalkOptions.DEFAULT, warnings).walk(ByteString.of(temp.toString()), visit -> {
            seen.add(visit.entry().path());
            if (visit.entry().path().equals(b("a"))) {
                Files.delete(temp.resolve("b"));
            }
        });
        assertEquals(List.of(b(""), b("a"), b("c")), seen);
        assertEquals(1, warnings.count());
        assertEquals(b("b"), warnings.kept().getFirst().path());
        assertTrue(warnings.kept().getFirst().problem().contains("vanished"), warnings.toString());
    }

    @Test
    void aTreeDeeperThanTheDescriptorLimitIsWalkedWithFewDescriptorsOpen() throws IOException {
        int depth = TreeWalker.OPEN_DIRECTORIES * 3;
        Path p = temp;
        for (int i = 0; i < depth; i++) {
            p = Files.createDirectory(p.resolve("d"));
            Files.writeString(p.getParent().resolve("f"), "at level " + i);
        }
        int before = openDescriptors();
        int[] most = {0};
        List<ByteString> order = new ArrayList<>();
        new TreeWalker(WalkOptions.DEFAULT, new WarningList(1)).walk(ByteString.of(temp.toString()), visit -> {
            order.add(visit.entry().path());
            most[0] = Math.max(most[0], openDescriptors());
        });
        assertEquals(1 + 2 * depth, order.size());
        assertTrue(most[0] <= before + TreeWalker.OPEN_DIRECTORIES + 2, "open descriptors peaked at " + most[0]
                + ", started at " + before);
        assertFalse(order.getLast().isEmpty());
    }

    private static int openDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? 0 : fds.length;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }
}
