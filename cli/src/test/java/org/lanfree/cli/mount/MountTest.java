package org.lanfree.cli.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lanfree.cli.Cli;
import org.lanfree.cli.deploy.Home;
import org.lanfree.cli.media.TestDeployment;
import org.lanfree.fs.mount.BackupMount;
import org.lanfree.fs.mount.MountSettings;
import org.lanfree.fs.mount.NameEscape;
import org.lanfree.testkit.TempHome;

/**
 * The mount against a real deployment and a real FUSE mount: a backed-up tree read back through
 * the kernel with {@code diff -r}, {@code find}, random reads and two readers at once; writes
 * refused; names that are not UTF-8 escaped; an incremental shown whole; {@code umount} refusing
 * a busy mount and then unmounting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MountTest {

    private static final MountSettings SMALL_CHUNKS = new MountSettings(1 << 20, 6 << 20, 2, 2, Duration.ZERO);

    private TempHome trees;
    private TestDeployment deployment;
    private DeploymentSources sources;
    private BackupMount mount;
    private Path source;
    private Path mnt;
    private long fullId;
    private byte[] big;

    @BeforeAll
    void up() throws Exception {
        trees = TempHome.create("mount");
        source = trees.resolve("source");
        big = buildTree(source);
        deployment = TestDeployment.up("mount");
        fullId = backup(source, "full");
        sources = DeploymentSources.attach(Home.of(Path.of(deployment.home())), "local");
        mnt = Files.createDirectories(trees.resolve("mnt"));
        mount = BackupMount.mount(mnt, sources.catalog(), sources.ranges(), SMALL_CHUNKS);
    }

    @AfterAll
    void down() throws Exception {
        if (mount != null) {
            mount.close();
        }
        if (sources != null) {
            sources.close();
        }
        if (deployment != null) {
            deployment.close();
        }
        trees.close();
    }

    @Test
    void diffFindsTheBackupEqualToItsSource() throws Exception {
        Path backup = folderOf(fullId);
        Command diff = Command.run("diff", "-r", "--no-dereference", source.toString(), backup.toString());
        assertEquals(0, diff.exit(), "diff -r found differences:\n" + diff.out());
        Command left = Command.run("sh", "-c", "cd '" + source + "' && find . -printf '%p %y %m %s %l %T@\\n' | sort");
        Command right = Command.run("sh", "-c", "cd '" + backup + "' && find . -printf '%p %y %m %s %l %T@\\n' | sort");
        assertEquals(left.out(), right.out(), "names, types, modes, sizes, link targets and mtimes");
    }

    @Test
    void findCountsWhatTheCatalogHolds() throws Exception {
        Path backup = folderOf(fullId);
        Command find = Command.run("sh", "-c", "find '" + backup + "' | wc -l");
        long catalog = Long.parseLong(deployment.query("SELECT count(*) FROM v_backup_contents WHERE backup_id = "
                + fullId).get(0));
        assertEquals(catalog, Long.parseLong(find.out().strip()), "find lists the folder itself and every entry");
    }

    @Test
    void aLargeFileReadsRightSequentiallyAndAtRandomOffsets() throws Exception {
        Path file = folderOf(fullId).resolve("docs/deep/er/big.bin");
        assertArrayEquals(big, Files.readAllBytes(file));
        Random random = new Random(7);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            for (int i = 0; i < 40; i++) {
                int at = random.nextInt(big.length);
                int len = Math.min(big.length - at, 1 + random.nextInt(300_000));
                byte[] got = new byte[len];
                raf.seek(at);
                raf.readFully(got);
                assertArrayEquals(Arrays.copyOfRange(big, at, at + len), got, "bytes at " + at + " (+" + len + ")");
            }
        }
    }

    @Test
    void anIdleMountHoldsNoDrive() throws Exception {
        Path tree = Files.createDirectories(trees.resolve("idle"));
        Files.writeString(tree.resolve("fresh.txt"), "never read before\n");
        long id = backup(tree, "full");
        assertEquals("never read before\n", Files.readString(folderOf(id).resolve("fresh.txt")),
                "read from tape: no chunk of this backup was cached");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> loaded;
        do {
            Cli.Result status = deployment.run("tape", "status", "--json");
            assertEquals(0, status.exitCode(), status.toString());
            loaded = new ArrayList<>();
            for (var d : status.json().get("drives")) {
                if (!d.get("barcode").isNull()) {
                    loaded.add("drive " + d.get("drive").asInt() + ": " + d.get("barcode").asText());
                }
            }
        } while (!loaded.isEmpty() && System.nanoTime() < deadline && pause());
        assertEquals(List.of(), loaded, "every cartridge went back to its slot after the read, mount still up");
        assertTrue(Files.isDirectory(folderOf(id)), "the mount still lists the backup");
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }

    @Test
    void twoReadersAtOnceBothGetTheRightBytes() throws Exception {
        Path backup = folderOf(fullId);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Callable<byte[]> bigReader = () -> Files.readAllBytes(backup.resolve("hardlink.bin"));
            Callable<byte[]> other = () -> Files.readAllBytes(backup.resolve("docs/deep/er/big.bin"));
            Future<byte[]> a = two.submit(bigReader);
            Future<byte[]> b = two.submit(other);
            assertArrayEquals(big, a.get(2, TimeUnit.MINUTES));
            assertArrayEquals(big, b.get(2, TimeUnit.MINUTES));
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void writesRenamesAndDeletesAreRefusedAsReadOnly() throws Exception {
        Path backup = folderOf(fullId);
        for (Command c : List.of(Command.run("sh", "-c", "echo x > '" + backup.resolve("new.txt") + "'"),
                Command.run("sh", "-c", "echo x >> '" + backup.resolve("docs/readme.txt") + "'"),
                Command.run("rm", backup.resolve("docs/b.txt").toString()),
                Command.run("mv", backup.resolve("docs/b.txt").toString(), backup.resolve("docs/c.txt").toString()),
                Command.run("mkdir", backup.resolve("dir").toString()),
                Command.run("chmod", "777", backup.resolve("docs/b.txt").toString()))) {
            assertNotEquals(0, c.exit(), c.out());
            assertTrue(c.out().contains("Read-only file system"), c.out());
        }
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> Files.writeString(backup.resolve("docs/readme.txt"), "changed"));
        assertTrue(String.valueOf(e.getReason()).contains("Read-only"), String.valueOf(e.getReason()));
        assertEquals("hello lanfree\n", Files.readString(backup.resolve("docs/readme.txt")));
    }

    @Test
    void latestLinksToTheNewestGoodBackup() throws Exception {
        Path latest = mnt.resolve("local/latest");
        assertTrue(Files.isSymbolicLink(latest));
        Path target = Files.readSymbolicLink(latest);
        assertTrue(Files.isDirectory(mnt.resolve("local").resolve(target)), "latest -> " + target);
        assertTrue(Files.exists(latest.resolve("docs/readme.txt")));
    }

    @Test
    void namesThatAreNotUtf8ShowEscapedAndDecodeToTheirBytes() throws Exception {
        Path odd = Files.createDirectories(trees.resolve("odd"));
        Command made = Command.run("sh", "-c", "cd '" + odd + "' && printf 'latin1' > \"$(printf 'caf\\351')\""
                + " && printf 'slash' > 'back\\x41slash'");
        assertEquals(0, made.exit(), made.out());
        long id = backup(odd, "full");
        Path backup = folderOf(id);
        List<String> names;
        try (var list = Files.list(backup)) {
            names = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("back\\x5cx41slash", "caf\\xe9"), names);
        assertArrayEquals(new byte[] {'c', 'a', 'f', (byte) 0xe9}, NameEscape.decode("caf\\xe9"));
        assertArrayEquals("back\\x41slash".getBytes(StandardCharsets.US_ASCII), NameEscape.decode(names.get(0)));
        assertEquals("latin1", Files.readString(backup.resolve("caf\\xe9")));
    }

    @Test
    void anIncrementalShowsTheWholeTreeAsOfItsBackup() throws Exception {
        Path tree = trees.resolve("chain");
        buildTree(tree);
        backup(tree, "full");
        Files.writeString(tree.resolve("docs/new.txt"), "added after the full\n");
        Files.writeString(tree.resolve("docs/readme.txt"), "changed after the full\n");
        Files.move(tree.resolve("docs/b.txt"), tree.resolve("docs/b-renamed.txt"));
        Files.delete(tree.resolve("empty"));
        long incremental = backup(tree, "incremental");
        Command diff = Command.run("diff", "-r", "--no-dereference", tree.toString(),
                folderOf(incremental).toString());
        assertEquals(0, diff.exit(), "diff -r found differences:\n" + diff.out());
    }

    @Test
    void aDamagedBlockReadsAsAnIoErrorNeverAsWrongBytes() throws Exception {
        Path tree = Files.createDirectories(trees.resolve("victim"));
        byte[] victim = new byte[3 << 20];
        new Random(5).nextBytes(victim);
        Files.write(tree.resolve("victim.bin"), victim);
        long id = backup(tree, "full");
        Path file = folderOf(id).resolve("victim.bin");
        String last = deployment.query("SELECT barcode || '|' || bytes FROM v_tape_contents WHERE backup_id = " + id
                + " ORDER BY first_block DESC").get(0);
        // the newest tape file ends the cartridge's data file: half its bytes back from the end lie in victim.bin
        Path data = deployment.config().library().folder().resolve("cartridges").resolve(last.split("\\|")[0])
                .resolve("data");
        try (RandomAccessFile raf = new RandomAccessFile(data.toFile(), "rw")) {
            long at = raf.length() - Long.parseLong(last.split("\\|")[1]) / 2;
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0xff);
        }
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> {
            try (var in = Files.newInputStream(file)) {
                in.transferTo(got);
            }
        });
        assertTrue(String.valueOf(e.getMessage()).contains("Input/output error"), e.toString());
        assertTrue(got.size() < victim.length, "the read stopped at the damage");
        assertArrayEquals(Arrays.copyOf(victim, got.size()), got.toByteArray(), "every byte that came back is right");
    }

    @Test
    void theSameViewIsAJavaFileSystemWithoutFuse() throws Exception {
        String folder = folderOf(fullId).getFileName().toString();
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("lanfree://nio-test/"),
                Map.of("catalog", sources.catalog(), "ranges", sources.ranges(), "settings", SMALL_CHUNKS))) {
            Path backup = fs.getPath("/local", folder);
            List<String> seen;
            try (var walk = Files.walk(backup)) {
                seen = walk.map(p -> backup.relativize(p).toString()).sorted().toList();
            }
            List<String> expected;
            try (var walk = Files.walk(source)) {
                expected = walk.map(p -> source.relativize(p).toString()).sorted().toList();
            }
            assertEquals(expected, seen);
            assertArrayEquals(big, Files.readAllBytes(backup.resolve("hardlink.bin")));
            assertEquals("hello lanfree\n", Files.readString(fs.getPath("/local/latest/link-to-readme")));
            assertEquals(fs.getPath("docs/readme.txt"), Files.readSymbolicLink(backup.resolve("link-to-readme")));
            assertEquals(Files.getLastModifiedTime(source.resolve("docs/readme.txt")),
                    Files.getLastModifiedTime(backup.resolve("docs/readme.txt")));
            assertEquals(PosixFilePermissions.fromString("rwx--x---"),
                    Files.getPosixFilePermissions(backup.resolve("docs/b.txt")));
            assertEquals(URI.create("lanfree://nio-test/local/" + folder + "/docs/b.txt"),
                    backup.resolve("docs/b.txt").toUri());
            assertEquals(backup.resolve("docs/b.txt"), Path.of(backup.resolve("docs/b.txt").toUri()));
            assertThrows(ReadOnlyFileSystemException.class, () -> Files.writeString(backup.resolve("new"), "x"));
            assertThrows(ReadOnlyFileSystemException.class, () -> Files.delete(backup.resolve("docs/b.txt")));
            assertThrows(NoSuchFileException.class, () -> Files.readString(backup.resolve("docs/none")));
        }
    }

    @Test
    void umountRefusesABusyMountThenUnmounts() throws Exception {
        Path second = Files.createDirectories(trees.resolve("mnt2"));
        BackupMount other = BackupMount.mount(second, sources.catalog(), sources.ranges(), SMALL_CHUNKS);
        try {
            Path file = second.resolve("local").resolve(folderOf(fullId).getFileName()).resolve("docs/deep/er/big.bin");
            try (RandomAccessFile busy = new RandomAccessFile(file.toFile(), "r")) {
                busy.seek(1 << 20);
                assertEquals(big[1 << 20] & 0xff, busy.read());
                Cli.Result refused = Cli.run("umount", second.toString());
                assertEquals(1, refused.exitCode(), refused.toString());
                assertTrue(refused.err().contains("busy") && refused.err().contains("--lazy"), refused.err());
            }
            Cli.Result done = Cli.run("umount", second.toString());
            assertEquals(0, done.exitCode(), done.toString());
            assertTrue(awaitUnmounted(other), "the mount ended after umount");
            try (var list = Files.list(second)) {
                assertEquals(0, list.count(), "the mount point is an empty folder again");
            }
        } finally {
            other.close();
        }
    }

    @Test
    void aLazyUmountDetachesAtOnceAndLetsABusyReaderFinish() throws Exception {
        Path third = Files.createDirectories(trees.resolve("mnt3"));
        BackupMount other = BackupMount.mount(third, sources.catalog(), sources.ranges(), SMALL_CHUNKS);
        try {
            Path file = third.resolve("local").resolve(folderOf(fullId).getFileName()).resolve("docs/deep/er/big.bin");
            byte[] got = new byte[big.length];
            try (RandomAccessFile busy = new RandomAccessFile(file.toFile(), "r")) {
                busy.readFully(got, 0, 1 << 20);
                Cli.Result lazy = Cli.run("umount", "--lazy", third.toString());
                assertEquals(0, lazy.exitCode(), lazy.toString());
                try (var list = Files.list(third)) {
                    assertEquals(0, list.count(), "detached at once: the mount point is an empty folder again");
                }
                busy.readFully(got, 1 << 20, big.length - (1 << 20));
            }
            assertArrayEquals(big, got, "the reader that was busy read on to the end");
            assertTrue(awaitUnmounted(other), "the mount ended when its last file was closed");
        } finally {
            other.close();
        }
    }

    private static boolean awaitUnmounted(BackupMount m) throws Exception {
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                m.awaitUnmounted();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.join(Duration.ofSeconds(30));
        return !waiter.isAlive();
    }

    /** The mounted folder of backup {@code id}. */
    private Path folderOf(long id) throws Exception {
        try (var list = Files.list(mnt.resolve("local"))) {
            List<Path> all = list.filter(p -> p.getFileName().toString().endsWith("-" + id)).toList();
            assertEquals(1, all.size(), "one folder for backup " + id + ": " + all);
            return all.get(0);
        }
    }

    private long backup(Path tree, String level) {
        Cli.Result r = deployment.run("backup", "fs", "--client", "local", "--path", tree.toString(), "--level", level,
                "--json");
        assertEquals(0, r.exitCode(), r.toString());
        return r.json().get("backupId").asLong();
    }

    /** Small and large files, folders, a symlink, a hard link, odd modes and nanosecond times; returns the large file's bytes. */
    private static byte[] buildTree(Path root) throws Exception {
        Files.createDirectories(root.resolve("docs/deep/er"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("docs/readme.txt"), "hello lanfree\n");
        Files.writeString(root.resolve("docs/b.txt"), "b\n");
        Files.writeString(root.resolve("docs/with space & ümlaut.txt"), "names\n");
        byte[] big = new byte[5 << 20];
        new Random(1).nextBytes(big);
        Files.write(root.resolve("docs/deep/er/big.bin"), big);
        try (RandomAccessFile sparse = new RandomAccessFile(root.resolve("sparse.bin").toFile(), "rw")) {
            // data, a hole across chunk boundaries, data, and a hole at the end: archived as GNU sparse
            sparse.write("start".getBytes(StandardCharsets.US_ASCII));
            sparse.seek(3 << 20);
            sparse.write(Arrays.copyOf(big, 70_000));
            sparse.setLength(7 << 20);
        }
        Files.createSymbolicLink(root.resolve("link-to-readme"), Path.of("docs/readme.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere/at/all"));
        Files.createLink(root.resolve("hardlink.bin"), root.resolve("docs/deep/er/big.bin"));
        Files.setPosixFilePermissions(root.resolve("docs/b.txt"), PosixFilePermissions.fromString("rwx--x---"));
        Files.setLastModifiedTime(root.resolve("docs/readme.txt"),
                FileTime.from(Instant.parse("2024-02-29T12:34:56.123456789Z")));
        return big;
    }

    /** A command's exit code and its output (stdout and stderr together). */
    private record Command(int exit, String out) {
        static Command run(String... args) throws Exception {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(args))).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "still running: " + List.of(args));
            return new Command(p.exitValue(), out);
        }
    }
}
