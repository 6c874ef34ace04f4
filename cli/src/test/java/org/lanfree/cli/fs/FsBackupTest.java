package org.lanfree.cli.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lanfree.cli.Cli;
import org.lanfree.cli.media.TestDeployment;
import org.lanfree.testkit.Await;
import org.lanfree.testkit.TempHome;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * File-tree backups end to end: {@code up} runs the array, the media server and the fs-agent
 * (registered as client {@code local}); {@code backup fs} makes the media server dial the agent,
 * the files go through the array to tape and into the catalog; {@code restore fs} brings the
 * tree back, compared with {@code diff -r} and file by file for modes and times. A policy with a
 * schedule backs a folder up on its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FsBackupTest {

    private TempHome trees;
    private TestDeployment deployment;
    private Path source;

    @BeforeAll
    void up() throws Exception {
        trees = TempHome.create("trees");
        source = trees.resolve("source");
        buildTree(source);
        Path scheduled = trees.resolve("scheduled");
        Files.createDirectories(scheduled.resolve("sub"));
        Files.writeString(scheduled.resolve("sub/note.txt"), "backed up on its own\n");
        deployment = TestDeployment.up("fs", Map.of("policy.nightly.clients", "local",
                "policy.nightly.paths", scheduled.toString(), "policy.nightly.every", "1h", "schedule.check", "1s"));
    }

    @AfterAll
    void down() {
        if (deployment != null) {
            deployment.close();
        }
        trees.close();
    }

    @Test
    void aFullBackupRestoresTheSameTree() throws Exception {
        JsonNode backup = backup(source, "full");
        long id = backup.get("backupId").asLong();
        assertEquals(List.of("good"), deployment.query("SELECT status FROM v_backups WHERE backup_id = " + id));
        long entries = Long.parseLong(deployment.query("SELECT count(*) FROM v_backup_contents WHERE backup_id = "
                + id).get(0));
        assertEquals(countObjects(source) + 1, entries, "every file, folder and link has its catalog entry, and the"
                + " backed-up folder itself");

        Path target = trees.resolve("restored-full");
        Cli.Result restore = deployment.run("restore", "fs", "--backup", Long.toString(id), "--target",
                target.toString());
        assertEquals(0, restore.exitCode(), restore.toString());
        assertSameTree(source, target);
    }

    @Test
    void anIncrementalChainRestoresTheTreeAsItWasIncludingDeletions() throws Exception {
        Path tree = trees.resolve("chain");
        buildTree(tree);
        long full = backup(tree, "full").get("backupId").asLong();

        Files.writeString(tree.resolve("docs/new.txt"), "added after the full\n");
        Files.writeString(tree.resolve("docs/readme.txt"), "changed after the full\n");
        Files.move(tree.resolve("docs/b.txt"), tree.resolve("docs/b-renamed.txt"));
        JsonNode first = backup(tree, "incremental");
        assertEquals("incremental", first.get("level").asText());

        Files.delete(tree.resolve("docs/new.txt"));
        deleteTree(tree.resolve("empty"));
        Files.writeString(tree.resolve("later.bin"), "x".repeat(10_000));
        JsonNode second = backup(tree, "incremental");
        long last = second.get("backupId").asLong();
        assertTrue(Long.parseLong(deployment.query("SELECT bytes FROM v_backups WHERE backup_id = " + last).get(0))
                < Long.parseLong(deployment.query("SELECT bytes FROM v_backups WHERE backup_id = " + full).get(0)),
                "an incremental carries only what changed");

        Path target = trees.resolve("restored-chain");
        Cli.Result restore = deployment.run("restore", "fs", "--backup", Long.toString(last), "--target",
                target.toString());
        assertEquals(0, restore.exitCode(), restore.toString());
        assertSameTree(tree, target);
    }

    @Test
    void aTargetThatIsNotEmptyIsRefusedUnlessForced() throws Exception {
        long id = backup(source, "full").get("backupId").asLong();
        Path target = trees.resolve("occupied");
        Files.createDirectories(target);
        Files.writeString(target.resolve("keep.txt"), "mine\n");
        Cli.Result refused = deployment.run("restore", "fs", "--backup", Long.toString(id), "--target",
                target.toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("is not empty"), refused.toString());
        assertEquals("mine\n", Files.readString(target.resolve("keep.txt")), "nothing was written");

        Cli.Result forced = deployment.run("restore", "fs", "--backup", Long.toString(id), "--target",
                target.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.toString());
        assertEquals(Files.readString(source.resolve("docs/readme.txt")),
                Files.readString(target.resolve("docs/readme.txt")));
    }

    @Test
    void aPolicyWithAScheduleBacksItsFolderUpOnItsOwn() throws Exception {
        String path = trees.resolve("scheduled").toString();
        Await.until((Callable<Boolean>) () -> deployment.query("SELECT status FROM v_backups WHERE dataset = '"
                + path + "'").contains("good") ? true : null, Duration.ofSeconds(60), "a scheduled backup of " + path);
        assertEquals(List.of("nightly"), deployment.query("SELECT p.name FROM datasets d JOIN policies p"
                + " ON p.id = d.policy_id WHERE d.name = '" + path + "'"));
    }

    private JsonNode backup(Path tree, String level) {
        Cli.Result r = deployment.run("backup", "fs", "--client", "local", "--path", tree.toString(), "--level", level,
                "--json");
        assertEquals(0, r.exitCode(), r.toString());
        return r.json();
    }

    /** Regular files small and large, an empty folder, a symlink, a hard link, odd modes and nanosecond times. */
    private static void buildTree(Path root) throws Exception {
        Files.createDirectories(root.resolve("docs/deep/er"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("docs/readme.txt"), "hello lanfree\n");
        Files.writeString(root.resolve("docs/b.txt"), "b\n");
        Files.writeString(root.resolve("docs/with space & ümlaut.txt"), "names\n");
        byte[] big = new byte[3 << 20];
        new Random(1).nextBytes(big);
        Files.write(root.resolve("docs/deep/er/big.bin"), big);
        Files.createSymbolicLink(root.resolve("link-to-readme"), Path.of("docs/readme.txt"));
        Files.createLink(root.resolve("hardlink.bin"), root.resolve("docs/deep/er/big.bin"));
        Files.setPosixFilePermissions(root.resolve("docs/b.txt"), PosixFilePermissions.fromString("rwx--x---"));
        Files.setLastModifiedTime(root.resolve("docs/readme.txt"),
                FileTime.from(Instant.parse("2024-02-29T12:34:56.123456789Z")));
    }

    private static long countObjects(Path root) throws Exception {
        try (var all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root)).count();
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Same names, contents and link targets ({@code diff -r}), and the same modes and mtimes. */
    private static void assertSameTree(Path expected, Path actual) throws Exception {
        Process diff = new ProcessBuilder("diff", "-r", "--no-dereference", expected.toString(), actual.toString())
                .redirectErrorStream(true).start();
        String out = new String(diff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(diff.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, diff.exitValue(), "diff -r found differences:\n" + out);
        try (var all = Files.walk(expected)) {
            for (Path p : all.filter(p -> !p.equals(expected)).toList()) {
                Path q = actual.resolve(expected.relativize(p).toString());
                assertEquals(Files.readAttributes(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS),
                        Files.readAttributes(q, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS), "mode of " + q);
                assertEquals(Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS),
                        Files.getLastModifiedTime(q, java.nio.file.LinkOption.NOFOLLOW_LINKS), "mtime of " + q);
            }
        }
        assertEquals(Files.readAttributes(expected.resolve("hardlink.bin"), "unix:ino"),
                Files.readAttributes(expected.resolve("docs/deep/er/big.bin"), "unix:ino"));
        assertEquals(Files.readAttributes(actual.resolve("hardlink.bin"), "unix:ino"),
                Files.readAttributes(actual.resolve("docs/deep/er/big.bin"), "unix:ino"), "the hard link is a link again");
    }
}
