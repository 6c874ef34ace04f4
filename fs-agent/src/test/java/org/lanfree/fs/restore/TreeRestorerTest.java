package org.lanfree.fs.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lanfree.fs.testtree.TestTree.b;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.fs.archive.ArchiveEntry;
import org.lanfree.fs.archive.ArchiveListener;
import org.lanfree.fs.archive.EntryType;
import org.lanfree.fs.archive.PaxWriter;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.FileKind;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.testtree.Archives;
import org.lanfree.fs.testtree.Cleanup;
import org.lanfree.fs.testtree.Commands;
import org.lanfree.fs.testtree.TestTree;
import org.lanfree.fs.testtree.TreeSnapshot;
import org.lanfree.fs.tree.WarningList;

class TreeRestorerTest {

    @TempDir
    Path temp;

    @AfterEach
    void removeDeepPaths() throws Exception {
        Cleanup.emptyFolder(temp);
    }

    private RestoreSummary restore(Path archive, Path target, RestoreOptions options, WarningList warnings) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return new TreeRestorer(options, warnings).restore(in, ByteString.of(target.toString()));
        }
    }

    @Test
    void everyCaseRoundTripsByteForByteAndMetadataForMetadata() throws Exception {
        Path source = Files.createDirectory(temp.resolve("source"));
        TestTree.everyCase(source).close();
        Path archive = temp.resolve("backup.tar");
        Archives.write(source, archive, ArchiveListener.NONE);
        Path target = temp.resolve("target-created-by-the-restore");
        WarningList warnings = new WarningList(10);

        RestoreSummary summary = restore(archive, target, RestoreOptions.defaults(), warnings);

        assertEquals(0, warnings.count(), warnings.toString());
        assertEquals(0, summary.skipped());
        assertEquals(String.join("\n", TreeSnapshot.of(source, TreeSnapshot.Facts.ALL)),
                String.join("\n", TreeSnapshot.of(target, TreeSnapshot.Facts.ALL)));
        long blocks = Posix.statAt(Posix.open(ByteString.of(target.toString()), Posix.O_RDONLY), b("sparse.img")).blocks();
        assertTrue(blocks * 512 < 1 << 20, "the sparse file was restored with " + blocks + " blocks");
    }

    @Test
    void refusesATargetThatIsNotEmptyUnlessForced() throws Exception {
        Path source = Files.createDirectory(temp.resolve("source"));
        Files.writeString(source.resolve("file"), "from the backup");
        Path archive = temp.resolve("backup.tar");
        Archives.write(source, archive, ArchiveListener.NONE);
        Path target = Files.createDirectory(temp.resolve("target"));
        Files.writeString(target.resolve("file"), "already there");

        RestoreRefusedException e = assertThrows(RestoreRefusedException.class,
                () -> restore(archive, target, RestoreOptions.defaults(), new WarningList(1)));
        assertTrue(e.getMessage().contains("is not empty") && e.getMessage().contains("'file'")
                && e.getMessage().contains("--force"), e.getMessage());
        assertEquals("already there", Files.readString(target.resolve("file")));

        restore(archive, target, RestoreOptions.defaults().forced(), new WarningList(1));
        assertEquals("from the backup", Files.readString(target.resolve("file")));
    }

    @Test
    void neverWritesOutsideTheTargetWhateverTheArchiveHolds() throws Exception {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(temp.resolve("secret"), "must stay");
        byte[] evil = Archives.inMemory(w -> {
            file(w, "../escaped", "x");
            file(w, "/absolute", "x");
            file(w, "a/../../escaped2", "x");
            member(w, new ArchiveEntry(b("link"), EntryType.SYMLINK, 0777, 0, 0, b(""), b(""), 0, 0,
                    b(outside.toString()), 0, 0, List.of(), null));
            file(w, "link/through-the-symlink", "x");
            member(w, new ArchiveEntry(b("dotdot"), EntryType.SYMLINK, 0777, 0, 0, b(""), b(""), 0, 0, b(".."), 0, 0,
                    List.of(), null));
            file(w, "dotdot/through-dotdot", "x");
            member(w, new ArchiveEntry(b("hard"), EntryType.HARDLINK, 0644, 0, 0, b(""), b(""), 0, 0, b("../secret"),
                    0, 0, List.of(), null));
            file(w, "inside/kept", "restored");
        });
        Path target = Files.createDirectory(temp.resolve("target"));
        WarningList warnings = new WarningList(20);

        RestoreSummary summary = new TreeRestorer(RestoreOptions.defaults(), warnings)
                .restore(new ByteArrayInputStream(evil), ByteString.of(target.toString()));

        assertEquals(List.of(), listAll(outside));
        assertFalse(Files.exists(temp.resolve("escaped")));
        assertFalse(Files.exists(temp.resolve("escaped2")));
        assertFalse(Files.exists(Path.of("/absolute")));
        assertEquals("restored", Files.readString(target.resolve("inside/kept")));
        assertEquals(6, warnings.count(), warnings.kept().toString());
        assertEquals(6, summary.skipped());
        assertTrue(Files.isSymbolicLink(target.resolve("link")), "the symlink itself is restored, just never followed");
    }

    @Test
    void restoresOnlyTheSelectedPaths() throws Exception {
        Path source = Files.createDirectory(temp.resolve("source"));
        try (TestTree t = TestTree.at(source)) {
            t.dir("a").dir("a/b").file("a/b/wanted", "1").file("a/other", "2").file("ab", "3").dir(b("a/c"), 0750)
                    .file("a/c/deeper", "4").touchDirectories();
        }
        Path archive = temp.resolve("backup.tar");
        Archives.write(source, archive, ArchiveListener.NONE);
        Path target = temp.resolve("target");

        restore(archive, target, RestoreOptions.defaults().selecting(List.of(b("a/b"), b("a/c"))), new WarningList(1));

        assertEquals(List.of("a", "a/b", "a/b/wanted", "a/c", "a/c/deeper"), listAll(target));
        assertEquals(TreeSnapshot.of(ByteString.of(source.toString()), TreeSnapshot.Facts.ALL, p -> !p.equals(b("a/other"))
                        && !p.equals(b("ab")) && !p.isEmpty()),
                TreeSnapshot.of(ByteString.of(target.toString()), TreeSnapshot.Facts.ALL, p -> !p.isEmpty()));
    }

    @Test
    void asAnotherUserRestoresAllButOwnersAndDevicesAndSaysSo() throws Exception {
        Assumptions.assumeTrue(Posix.isRoot() && new File("/usr/sbin/runuser").exists(), "needs root and runuser");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path source = Files.createDirectory(temp.resolve("source"));
        TestTree.everyCase(source).close();
        Path archive = temp.resolve("backup.tar");
        Archives.write(source, archive, ArchiveListener.NONE);
        Path writable = Files.createDirectory(temp.resolve("writable"));
        Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path target = writable.resolve("target");
        String classpath = location(TreeRestorer.class) + File.pathSeparator + location(RestoreAsUser.class);

        String output = Commands.run(temp, "runuser", "-u", "nobody", "--",
                ProcessHandle.current().info().command().orElseThrow(), "--enable-native-access=ALL-UNNAMED", "-cp",
                classpath, RestoreAsUser.class.getName(), archive.toString(), target.toString());

        assertTrue(output.contains("WARNING null-device: not restored: device nodes are made only as root"), output);
        assertTrue(output.contains("WARNING block-device: not restored: device nodes are made only as root"), output);
        assertTrue(output.contains("skipped=2, warnings=2]"), output);
        List<String> expected = TreeSnapshot.of(source, TreeSnapshot.Facts.NO_OWNER);
        expected.removeIf(l -> l.contains("_DEVICE "));
        assertEquals(String.join("\n", expected), String.join("\n", TreeSnapshot.of(target, TreeSnapshot.Facts.NO_OWNER)));
        assertEquals(65534L, ((Number) Files.getAttribute(target.resolve("with space.txt"), "unix:uid")).longValue());
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static void file(PaxWriter w, String path, String content) {
        byte[] data = content.getBytes();
        member(w, new ArchiveEntry(b(path), EntryType.FILE, 0644, 0, 0, b(""), b(""), 0, data.length, null, 0, 0,
                List.of(), null));
        try {
            w.write(data, 0, data.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void member(PaxWriter w, ArchiveEntry e) {
        try {
            w.begin(e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> listAll(Path root) throws IOException {
        try (var s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    static boolean isSocket(Path p) throws IOException {
        return Posix.statAt(Posix.open(ByteString.of(p.getParent().toString()), Posix.O_RDONLY),
                ByteString.of(p.getFileName().toString())).kind() == FileKind.SOCKET;
    }
}
