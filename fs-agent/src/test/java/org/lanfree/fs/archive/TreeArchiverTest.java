package org.lanfree.fs.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lanfree.fs.testtree.TestTree.b;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Posix;
import org.lanfree.fs.testtree.Archives;
import org.lanfree.fs.testtree.Cleanup;
import org.lanfree.fs.testtree.Commands;
import org.lanfree.fs.testtree.TestTree;
import org.lanfree.fs.tree.ChangeDetector;
import org.lanfree.fs.tree.Fingerprint;
import org.lanfree.fs.tree.FsEntry;
import org.lanfree.fs.tree.WalkOptions;
import org.lanfree.fs.tree.WarningList;

class TreeArchiverTest {

    @TempDir
    Path temp;

    @AfterEach
    void removeDeepPaths() throws Exception {
        Cleanup.emptyFolder(temp);
    }

    /** Every member of an archive as the reader sees it, and the bytes of the trailer members. */
    private record Read(List<ArchiveEntry> members, Map<String, byte[]> trailers) {
    }

    private static Read read(InputStream in) throws IOException {
        PaxReader reader = new PaxReader(in);
        List<ArchiveEntry> members = new ArrayList<>();
        Map<String, byte[]> trailers = new HashMap<>();
        ArchiveEntry e;
        while ((e = reader.next()) != null) {
            if (reader.isTrailer()) {
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                int n;
                while ((n = reader.read(buf, 0, buf.length)) > 0) {
                    data.write(buf, 0, n);
                }
                trailers.put(e.path().toString(), data.toByteArray());
            } else {
                members.add(e);
            }
        }
        return new Read(members, trailers);
    }

    @Test
    void theReaderReturnsEveryMemberExactlyAsWritten() throws Exception {
        Path source = Files.createDirectory(temp.resolve("source"));
        TestTree.everyCase(source).close();
        List<ArchiveEntry> written = new ArrayList<>();
        Path archive = temp.resolve("backup.tar");
        ArchiveSummary summary = Archives.write(source, archive, new ArchiveListener() {
            @Override
            public void archived(FsEntry entry, ArchiveEntry member, long offset, ChangeDetector.Change change,
                                 byte[] sha256, boolean changedWhileRead) {
                written.add(member);
            }
        });
        Read read;
        try (InputStream in = Files.newInputStream(archive)) {
            read = read(in);
        }
        assertEquals(written, read.members());
        assertEquals(written.size(), summary.members());
        assertEquals(Files.size(archive), summary.bytes());
        assertTrue(written.stream().anyMatch(m -> m.sparse() != null && m.size() == TestTree.SPARSE_SIZE));
        assertTrue(written.stream().anyMatch(m -> m.type() == EntryType.SOCKET));
        assertTrue(written.stream().anyMatch(m -> m.mtimeNs() % 1_000_000_000L != 0));
        assertEquals(List.of(".lanfree/SHA256SUMS"), List.copyOf(read.trailers().keySet()));
    }

    /**
     * Sizes either side of every threshold of the copy (hashed on the writer's thread up to 64 KiB,
     * a piece of 256 KiB, read whole up to 1 MiB, streamed past it), and enough files that both
     * hashing lanes and every piece are in use at once: sha256sum agrees with every line.
     */
    @Test
    void everyChecksumLineMatchesSha256sumWhateverTheFileSize() throws Exception {
        Path source = Files.createDirectory(temp.resolve("source"));
        Random random = new Random(3);
        int[] sizes = {0, 1, 65_535, 65_536, 65_537, 262_143, 262_144, 262_145, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 17,
                9 * (1 << 20) + 5};
        int count = 0;
        for (int round = 0; round < 3; round++) {
            for (int size : sizes) {
                byte[] data = new byte[size];
                random.nextBytes(data);
                Files.write(source.resolve(String.format("%02d-%d", count++, size)), data);
            }
        }
        Path archive = temp.resolve("backup.tar");
        Archives.write(source, archive, ArchiveListener.NONE);
        Path target = Files.createDirectory(temp.resolve("target"));

        Commands.run(target, "tar", "-xf", archive.toString(), "--warning=no-unknown-keyword");
        String checked = Commands.run(target, "sha256sum", "--strict", "-c", ".lanfree/SHA256SUMS");

        assertEquals(count, checked.lines().filter(l -> l.endsWith(": OK")).count(), checked);
    }

    /** Small files' digests wait in a batch; events piling up behind one must not wait for it forever. */
    @Test
    void aSmallFileFollowedByMoreFoldersThanEventsMayWaitIsArchived() throws Exception {
        Path source = Files.createDirectory(temp.resolve("source"));
        Files.writeString(source.resolve("a-small-file"), "its digest waits in a batch");
        for (int i = 0; i < InOrder.LIMIT + 100; i++) {
            Files.createDirectory(source.resolve(String.format("folder-%05d", i)));
        }
        Path archive = temp.resolve("backup.tar");

        ArchiveSummary summary = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> Archives.write(source, archive, ArchiveListener.NONE));

        assertEquals(InOrder.LIMIT + 102, summary.members());
        Commands.run(temp, "sh", "-c", "mkdir x && cd x && tar -xf ../backup.tar --warning=no-unknown-keyword"
                + " && sha256sum --strict -c .lanfree/SHA256SUMS");
    }

    @Test
    void sizesPastTheUstarFieldTravelInAPaxRecord() throws Exception {
        long size = (9L << 30) + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PaxWriter writer = new PaxWriter(out);
        ArchiveEntry big = new ArchiveEntry(b("big"), EntryType.FILE, 0644, 3_000_000, 4_000_000, b("u"), b("g"),
                -1_500_000_001L, size, null, 0, 0, List.of(), null);
        writer.begin(big);
        writer.write(new byte[] {1, 2, 3}, 0, 3);
        ArchiveEntry back = new PaxReader(new ByteArrayInputStream(out.toByteArray())).next();
        assertEquals(big, back);
        assertTrue(new String(out.toByteArray(), 0, 1024, java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains(" size=" + size + "\n"));
    }

    @Test
    void aFileThatShrinksWhileReadIsPaddedWarnedAndMarkedAndTheArchiveStaysValid() throws Exception {
        Path source = Files.createDirectory(temp.resolve("source"));
        byte[] data = new byte[5 * FileCopier.BUFFER];
        new Random(1).nextBytes(data);
        Files.write(source.resolve("growing-log"), data);
        Files.writeString(source.resolve("z-after"), "the backup goes on");
        WarningList warnings = new WarningList(10);
        List<Boolean> marks = new ArrayList<>();
        Path archive = temp.resolve("backup.tar");
        ArchiveSummary summary;
        try (var out = Files.newOutputStream(archive)) {
            summary = new TreeArchiver(WalkOptions.DEFAULT, warnings, new ArchiveListener() {
                @Override
                public void dataRead(FsEntry entry, long bytes) {
                    if (entry.path().equals(b("growing-log"))) {
                        truncate(source.resolve("growing-log"), 2 * FileCopier.BUFFER);
                    }
                }

                @Override
                public void archived(FsEntry entry, ArchiveEntry member, long offset, ChangeDetector.Change change,
                                     byte[] sha256, boolean changedWhileRead) {
                    if (member.type() == EntryType.FILE) {
                        marks.add(changedWhileRead);
                    }
                }
            }, OwnerNames.none(), Clock.systemUTC()).archive(ByteString.of(source.toString()), out);
        }
        assertTrue(summary.completedWithWarnings());
        assertEquals(1, warnings.count(), warnings.toString());
        assertTrue(warnings.kept().getFirst().problem().contains("shrank while it was read"), warnings.toString());
        assertEquals(List.of(true, false), marks);
        String listing = Commands.run(temp, "tar", "-tvf", archive.toString(), "--warning=no-unknown-keyword");
        assertTrue(listing.contains(" " + data.length + " ") && listing.contains("z-after"), listing);
        Read read;
        try (InputStream in = Files.newInputStream(archive)) {
            read = read(in);
        }
        assertTrue(new String(read.trailers().get(".lanfree/WARNINGS")).startsWith("growing-log: shrank while it was read"));
    }

    @Test
    void aSmallFileThatChangesOnceWhileReadIsReadAgainAndArchivedConsistently() throws Exception {
        Path source = Files.createDirectory(temp.resolve("source"));
        Files.writeString(source.resolve("config"), "version 1\n");
        WarningList warnings = new WarningList(10);
        boolean[] changed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TreeArchiver(WalkOptions.DEFAULT, warnings, new ArchiveListener() {
            @Override
            public void dataRead(FsEntry entry, long bytes) {
                if (!changed[0]) {
                    changed[0] = true;
                    try {
                        Files.writeString(source.resolve("config"), "version 2, longer\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }, OwnerNames.none(), Clock.systemUTC()).archive(ByteString.of(source.toString()), out);
        assertEquals(0, warnings.count(), warnings.toString());
        PaxReader reader = new PaxReader(new ByteArrayInputStream(out.toByteArray()));
        reader.next();
        ArchiveEntry config = reader.next();
        byte[] content = new byte[(int) config.size()];
        assertEquals(content.length, reader.read(content, 0, content.length));
        assertEquals("version 2, longer\n", new String(content));
    }

    @Test
    void anIncrementalCarriesOnlyChangesAndListsDeletions() throws Exception {
        Path source = Files.createDirectory(temp.resolve("source"));
        Files.writeString(source.resolve("same"), "unchanged");
        Files.writeString(source.resolve("edited"), "v1");
        Files.writeString(source.resolve("removed"), "bye");
        List<Fingerprint> full = new ArrayList<>();
        Archives.write(source, temp.resolve("full.tar"), new ArchiveListener() {
            @Override
            public void archived(FsEntry entry, ArchiveEntry member, long offset, ChangeDetector.Change change,
                                 byte[] sha256, boolean changedWhileRead) {
                full.add(entry.fingerprint());
            }
        });
        Files.writeString(source.resolve("edited"), "v2!");
        Files.delete(source.resolve("removed"));
        Files.writeString(source.resolve("added"), "new");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Iterator<Fingerprint> previous = full.iterator();
        List<ByteString> gone = new ArrayList<>();
        ArchiveSummary summary = new TreeArchiver(WalkOptions.DEFAULT, new WarningList(1), new ArchiveListener() {
            @Override
            public void deleted(Fingerprint f) {
                gone.add(f.path());
            }
        }, OwnerNames.none(), Clock.systemUTC()).archive(ByteString.of(source.toString()), previous, out);
        assertEquals(List.of(b("removed")), gone);
        Read read = read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(List.of(b(""), b("added"), b("edited")), read.members().stream().map(ArchiveEntry::path).toList());
        assertEquals(1, summary.deleted());
        assertArrayEquals("removed\0".getBytes(), read.trailers().get(".lanfree/DELETED"));
    }

    @Test
    void unreadableFilesAndFoldersAreWarningsWhenRunAsAnotherUser() throws Exception {
        Assumptions.assumeTrue(Posix.isRoot() && new File("/usr/sbin/runuser").exists(), "needs root and runuser");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path source = Files.createDirectory(temp.resolve("source"));
        Files.writeString(source.resolve("readable"), "anyone");
        Files.writeString(source.resolve("secret"), "root only");
        Files.setPosixFilePermissions(source.resolve("secret"), PosixFilePermissions.fromString("---------"));
        Path closed = Files.createDirectory(source.resolve("closed"));
        Files.writeString(closed.resolve("inside"), "not reachable");
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
        Path out = Files.createDirectory(temp.resolve("out"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        String classpath = location(TreeArchiver.class) + File.pathSeparator + location(ArchiveAsUser.class);

        String output = Commands.run(temp, "runuser", "-u", "nobody", "--", ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classpath, ArchiveAsUser.class.getName(), source.toString(),
                out.resolve("backup.tar").toString());

        assertTrue(output.contains("WARNING secret: left out, unreadable: openat(" + source.resolve("secret") + ") failed: Permission denied"), output);
        assertTrue(output.contains("WARNING closed: contents left out: openat(" + closed + ") failed: Permission denied"), output);
        assertTrue(output.contains("warnings=2"), output);
        Read read;
        try (InputStream in = Files.newInputStream(out.resolve("backup.tar"))) {
            read = read(in);
        }
        assertEquals(List.of(b(""), b("closed"), b("readable")), read.members().stream().map(ArchiveEntry::path).toList());
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static void truncate(Path file, long size) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            if (f.length() > size) {
                f.setLength(size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
