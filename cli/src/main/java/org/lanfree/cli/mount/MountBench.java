package org.lanfree.cli.mount;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.lanfree.cli.Main;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.Home;
import org.lanfree.fs.mount.BackupMount;
import org.lanfree.fs.mount.MountSettings;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanfree bench mount}: a tree of about 1 GB (a folder of 10,000 entries, small files,
 * four large ones) backed up through a real deployment, then, in the same run, copied out of a
 * fresh mount with {@code cp -a} (cold chunk cache, page cache dropped) and restored with
 * {@code restore fs}; reports both rates, their ratio, and how long {@code ls -l} of the large
 * folder takes on a fresh mount.
 */
@Command(name = "mount", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure reading a backup through 'lanfree mount' (cp -a out of the mount, cold cache) against"
                + " 'restore fs' of the same backup, and browsing a folder of 10,000 entries (ls -l).",
                "Targets: the mount at least 50%% of restore's rate; the listing in under a second."})
public final class MountBench implements Callable<Integer> {

    @Option(names = "--size", defaultValue = "1G", description = "size of the generated tree: NNN[KMG] (default"
            + " ${DEFAULT-VALUE})")
    String sizeText;

    @Option(names = "--wide", defaultValue = "10000", description = "entries of the large folder (default"
            + " ${DEFAULT-VALUE})")
    int wide;

    @Option(names = "--chunk", defaultValue = "32", description = "the mount's --chunk, in MiB (default ${DEFAULT-VALUE})")
    int chunkMib;

    @Option(names = "--dir", description = "folder on the disk to measure (default: a new folder under /tmp)")
    Path dir;

    @Option(names = "--json", description = "print one JSON object for scripts")
    boolean json;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        long size = size(sizeText);
        Path work = Files.createTempDirectory(dir == null ? Path.of("/tmp") : dir, "lf-bench-mount-");
        Path home = work.resolve("home");
        try {
            Path tree = generate(work.resolve("tree"), size, wide);
            long bytes = du(tree);
            progress("tree " + tree + ": " + bytes / 1_000_000 + " MB; starting a deployment in " + home);
            run("up", "--home", home.toString());
            String backup = run("backup", "fs", "--client", "local", "--path", tree.toString(), "--json", "--home",
                    home.toString());
            long id = Json.parse(backup.substring(backup.indexOf('{')), "bench mount").get("backupId").asLong();
            Path mnt = Files.createDirectories(work.resolve("mnt"));
            double listSeconds;
            double mountSeconds;
            try (DeploymentSources sources = DeploymentSources.attach(Home.of(home), "local");
                 BackupMount mount = BackupMount.mount(mnt, sources.catalog(), sources.ranges(), settings())) {
                Path folder = folderOf(mnt, id);
                dropCaches();
                progress("ls -l of " + wide + " entries on a fresh mount ...");
                long t0 = System.nanoTime();
                exec("sh", "-c", "ls -l '" + folder.resolve("wide") + "' > /dev/null");
                listSeconds = seconds(t0);
                progress("cp -a out of the mount ...");
                Path copied = work.resolve("copied");
                t0 = System.nanoTime();
                exec("cp", "-a", folder.toString(), copied.toString());
                exec("sync", "-f", copied.toString());
                mountSeconds = seconds(t0);
                check(du(copied), bytes, "cp -a out of the mount");
                deleteTree(copied);
            }
            dropCaches();
            progress("restore fs ...");
            Path restored = work.resolve("restored");
            long t0 = System.nanoTime();
            run("restore", "fs", "--backup", Long.toString(id), "--target", restored.toString(), "--json", "--home",
                    home.toString());
            exec("sync", "-f", restored.toString());
            double restoreSeconds = seconds(t0);
            check(du(restored), bytes, "restore fs");
            report(bytes, listSeconds, mountSeconds, restoreSeconds);
        } finally {
            try {
                run("down", "--home", home.toString());
            } finally {
                deleteTree(work);
            }
        }
        return 0;
    }

    private MountSettings settings() {
        MountSettings d = MountSettings.defaults();
        return new MountSettings(chunkMib << 20, Math.max(d.cacheBytes(), 4L * (chunkMib << 20)), d.readAheadChunks(),
                d.fetchThreads(), d.refresh());
    }

    private void report(long bytes, double list, double mount, double restore) {
        double mb = bytes / 1e6;
        if (json) {
            ObjectNode root = Json.object().put("treeBytes", bytes).put("wideEntries", wide)
                    .put("listSeconds", round(list)).put("mountReadSeconds", round(mount))
                    .put("mountMbPerSec", round(mb / mount)).put("restoreSeconds", round(restore))
                    .put("restoreMbPerSec", round(mb / restore)).put("ratio", round(restore / mount));
            out.println(Json.pretty(root));
        } else {
            out.printf(Locale.ROOT, "%ntree %.0f MB:%n", mb);
            out.printf(Locale.ROOT, "ls -l of %d entries on a fresh mount: %.3f s (target < 1 s)%n", wide, list);
            out.printf(Locale.ROOT, "cp -a out of the mount: %.2f s (%.0f MB/s); restore fs: %.2f s (%.0f MB/s);"
                    + " ratio %.2f (target >= 0.5)%n", mount, mb / mount, restore, mb / restore, restore / mount);
        }
        out.flush();
    }

    /** About {@code bytes}: a folder of {@code wide} tiny files, 40% small files in folders of 500, four large files. */
    private Path generate(Path root, long bytes, int wide) throws IOException {
        progress("generating about " + bytes / 1_000_000 + " MB of files under " + root + " ...");
        Random random = new Random(42);
        byte[] buffer = new byte[1 << 20];
        random.nextBytes(buffer);
        Files.createDirectories(root.resolve("wide"));
        for (int i = 0; i < wide; i++) {
            Files.write(root.resolve("wide/entry-" + i), ("entry " + i + "\n").getBytes());
        }
        long small = bytes * 4 / 10;
        long written = 0;
        for (int n = 0; written < small; n++) {
            Path folder = root.resolve("d" + (n / 500));
            if (n % 500 == 0) {
                Files.createDirectories(folder);
            }
            int size = 1024 + random.nextInt(63 * 1024);
            try (OutputStream o = Files.newOutputStream(folder.resolve("f" + n))) {
                o.write(buffer, random.nextInt(buffer.length - size), size);
            }
            written += size;
        }
        long large = (bytes - written) / 4;
        Files.createDirectories(root.resolve("large"));
        for (int i = 0; i < 4; i++) {
            try (OutputStream o = Files.newOutputStream(root.resolve("large/big" + i + ".bin"))) {
                for (long w = 0; w < large; w += buffer.length) {
                    buffer[(int) (w % 4096)] ^= (byte) (i + 1);
                    o.write(buffer, 0, (int) Math.min(buffer.length, large - w));
                }
            }
        }
        return root;
    }

    private static Path folderOf(Path mnt, long id) throws IOException {
        try (var list = Files.list(mnt.resolve("local"))) {
            return list.filter(p -> p.getFileName().toString().endsWith("-" + id)).findFirst().orElseThrow(
                    () -> CommandFailure.failed("bench mount: backup " + id + " does not show under " + mnt));
        }
    }

    private static void check(long got, long expected, String what) {
        if (got != expected) {
            throw CommandFailure.failed("bench mount: " + what + " gave " + got + " bytes of files, expected "
                    + expected);
        }
    }

    static long size(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        try {
            long n = Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1));
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw CommandFailure.usage("--size '" + text + "': expected a positive size such as 1G, 200M or 4096");
        }
    }

    private String run(String... args) {
        StringWriter text = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(text, true));
        cli.setErr(new PrintWriter(text, true));
        int code = cli.execute(args);
        if (code != 0) {
            throw CommandFailure.failed("bench mount: lanfree " + String.join(" ", args) + " failed (exit " + code
                    + "):\n" + text);
        }
        return text.toString();
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw CommandFailure.failed("bench mount: " + String.join(" ", command) + " failed: " + output);
        }
    }

    private static void dropCaches() throws Exception {
        exec("sync");
        try {
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
        } catch (IOException e) {
            // not root: the page cache stays; the mount's own cache is fresh either way
        }
    }

    private static long du(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            return files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private void progress(String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }
}
