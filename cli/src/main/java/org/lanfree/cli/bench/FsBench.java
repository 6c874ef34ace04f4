package org.lanfree.cli.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.lanfree.cli.Main;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.media.MediaServerDaemon;
import org.lanfree.media.server.CatalogLocation;
import org.lanfree.media.server.ServerConfig;
import org.lanfree.media.server.ServerConfigReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanfree bench fs}: a file tree of about 1 GB (many small files, a few large ones),
 * backed up by lanfree through a real deployment (fs-agent with -Xmx256m, array, media server,
 * VTL) against {@code tar -cf} of the same tree to the same disk, then restored against
 * {@code tar -xf}; plus a no-change incremental. Both sides start warm (caches dropped, then the
 * tree read once); repetitions interleaved; medians.
 */
@Command(name = "fs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure lanfree's file-tree backup and restore against tar on the same tree and disk:",
                "full backup vs tar -cf, restore vs tar -xf, and a no-change incremental's job time."})
public final class FsBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tree", description = "back up this folder (default: generate about --size of files)")
    Path tree;

    @Option(names = "--size", defaultValue = "1G", description = "size of the generated tree (default ${DEFAULT-VALUE})")
    String sizeText;

    @Option(names = "--repetitions", defaultValue = "3", description = "repetitions of each side, interleaved (default ${DEFAULT-VALUE})")
    int repetitions;

    @Option(names = "--dir", description = "folder on the disk to measure (default: a new folder under /tmp)")
    Path dir;

    @Option(names = "--json", description = "print one JSON object for scripts")
    boolean json;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        if (repetitions < 1) {
            throw CommandFailure.usage("--repetitions " + repetitions + " is below 1");
        }
        out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory(dir == null ? Path.of("/tmp") : dir, "lf-bench-fs-");
        Path home = work.resolve("home");
        try {
            Path source = tree != null ? tree.toAbsolutePath() : generate(work.resolve("tree"),
                    BenchSupport.size("--size", sizeText));
            long treeBytes = du(source);
            progress("tree " + source + ": " + treeBytes / 1_000_000 + " MB; starting a deployment in " + home);
            run("up", "--home", home.toString());
            List<Double> lanfreeBackup = new ArrayList<>();
            List<Double> tarBackup = new ArrayList<>();
            List<Double> lanfreeRestore = new ArrayList<>();
            List<Double> tarRestore = new ArrayList<>();
            List<Double> incrementalJob = new ArrayList<>();
            List<Double> fullJob = new ArrayList<>();
            for (int i = 1; i <= repetitions; i++) {
                warm(source);
                progress("repetition " + i + ": lanfree full backup ...");
                long t0 = System.nanoTime();
                JsonNode full = json(run("backup", "fs", "--client", "local", "--path", source.toString(), "--json",
                        "--home", home.toString()));
                lanfreeBackup.add(seconds(t0));
                long fullId = full.get("backupId").asLong();
                fullJob.add(jobSeconds(home, fullId));

                warm(source);
                progress("repetition " + i + ": tar -cf ...");
                Path tarFile = work.resolve("tree-" + i + ".tar");
                t0 = System.nanoTime();
                exec("tar", "-cf", tarFile.toString(), "-C", source.getParent().toString(), source.getFileName().toString());
                exec("sync", "-f", tarFile.toString());
                tarBackup.add(seconds(t0));

                progress("repetition " + i + ": no-change incremental ...");
                JsonNode incr = json(run("backup", "fs", "--client", "local", "--path", source.toString(), "--level",
                        "incremental", "--json", "--home", home.toString()));
                incrementalJob.add(jobSeconds(home, incr.get("backupId").asLong()));

                dropCaches();
                progress("repetition " + i + ": lanfree restore ...");
                Path restored = work.resolve("restored-" + i);
                t0 = System.nanoTime();
                run("restore", "fs", "--backup", Long.toString(fullId), "--target", restored.toString(), "--json",
                        "--home", home.toString());
                exec("sync", "-f", restored.toString());
                lanfreeRestore.add(seconds(t0));
                BenchSupport.deleteTree(restored);

                dropCaches();
                progress("repetition " + i + ": tar -xf ...");
                Path untarred = work.resolve("untarred-" + i);
                Files.createDirectories(untarred);
                t0 = System.nanoTime();
                exec("tar", "-xf", tarFile.toString(), "-C", untarred.toString());
                exec("sync", "-f", untarred.toString());
                tarRestore.add(seconds(t0));
                BenchSupport.deleteTree(untarred);
                Files.delete(tarFile);
            }
            report(treeBytes, lanfreeBackup, tarBackup, lanfreeRestore, tarRestore, fullJob, incrementalJob);
        } finally {
            run("down", "--home", home.toString());
            BenchSupport.deleteTree(work);
        }
        return 0;
    }

    /** About {@code bytes} of files: 90% of them small (1-64 KiB) in folders of 500, the rest in four large files. */
    private Path generate(Path root, long bytes) throws IOException {
        progress("generating about " + bytes / 1_000_000 + " MB of files under " + root + " ...");
        Random random = new Random(42);
        byte[] buffer = new byte[1 << 20];
        random.nextBytes(buffer);
        long small = bytes * 4 / 10;
        long written = 0;
        int n = 0;
        while (written < small) {
            Path folder = root.resolve("d" + (n / 500));
            if (n % 500 == 0) {
                Files.createDirectories(folder);
            }
            int size = 1024 + random.nextInt(63 * 1024);
            try (OutputStream o = Files.newOutputStream(folder.resolve("f" + n))) {
                o.write(buffer, random.nextInt(buffer.length - size), size);
            }
            written += size;
            n++;
        }
        long large = (bytes - written) / 4;
        Files.createDirectories(root.resolve("large"));
        for (int i = 0; i < 4; i++) {
            try (OutputStream o = Files.newOutputStream(root.resolve("large/big" + i + ".bin"))) {
                for (long w = 0; w < large; w += buffer.length) {
                    buffer[(int) (w % 4096)] ^= (byte) i;
                    o.write(buffer, 0, (int) Math.min(buffer.length, large - w));
                }
            }
        }
        return root;
    }

    /** Drops the page cache, then reads the whole tree once: both sides start from the same warm cache. */
    private static void warm(Path source) throws Exception {
        dropCaches();
        exec("sh", "-c", "tar -cf - -C '" + source + "' . | cat > /dev/null");
    }

    private static void dropCaches() throws Exception {
        exec("sync");
        try {
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
        } catch (IOException e) {
            // Not root: the caches stay; both sides still see the same state.
        }
    }

    /** The job's own time, from the catalog's start and end of the backup. */
    private static double jobSeconds(Path home, long backupId) throws Exception {
        ServerConfig config = ServerConfigReader.read(home.resolve(MediaServerDaemon.CONFIG_FILE));
        CatalogLocation.Embedded catalog = (CatalogLocation.Embedded) config.catalog();
        try (Connection c = DriverManager.getConnection("jdbc:h2:tcp://localhost:" + catalog.serverPort() + "/catalog",
                "reader", Files.readString(catalog.dir().resolve("reader.password")).strip());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT started_at, ended_at FROM v_backups WHERE backup_id = " + backupId)) {
            rs.next();
            var start = rs.getObject(1, java.time.OffsetDateTime.class);
            var end = rs.getObject(2, java.time.OffsetDateTime.class);
            return java.time.Duration.between(start, end).toNanos() / 1e9;
        }
    }

    private String run(String... args) {
        StringWriter text = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(text, true));
        cli.setErr(new PrintWriter(text, true));
        int code = cli.execute(args);
        if (code != 0) {
            throw CommandFailure.failed("bench fs: lanfree " + String.join(" ", args) + " failed (exit " + code + "):\n"
                    + text);
        }
        return text.toString();
    }

    private static JsonNode json(String text) {
        return Json.parse(text.substring(text.indexOf('{')), "bench fs");
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw CommandFailure.failed("bench fs: " + String.join(" ", command) + " failed: " + output);
        }
    }

    private static long du(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private void progress(String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }

    private void report(long bytes, List<Double> lb, List<Double> tb, List<Double> lr, List<Double> tr,
            List<Double> fullJob, List<Double> incrJob) {
        double backup = median(lb);
        double tarB = median(tb);
        double restore = median(lr);
        double tarR = median(tr);
        double full = median(fullJob);
        double incr = median(incrJob);
        if (json) {
            ObjectNode root = Json.object();
            root.put("treeBytes", bytes);
            root.put("lanfreeBackupSeconds", round(backup)).put("tarBackupSeconds", round(tarB))
                    .put("backupRatio", round(tarB / backup));
            root.put("lanfreeRestoreSeconds", round(restore)).put("tarRestoreSeconds", round(tarR))
                    .put("restoreRatio", round(tarR / restore));
            root.put("fullJobSeconds", round(full)).put("noChangeIncrementalJobSeconds", round(incr))
                    .put("incrementalShareOfFull", round(incr / full));
            root.put("agentHeap", "-Xmx256m").put("repetitions", lb.size());
            out.println(Json.pretty(root));
        } else {
            double mb = bytes / 1e6;
            out.printf(Locale.ROOT, "%nmedians of %d repetitions, tree %.0f MB:%n", lb.size(), mb);
            out.printf(Locale.ROOT, "backup:  lanfree %.2f s (%.0f MB/s), tar -cf %.2f s (%.0f MB/s), ratio %.2f"
                    + " (target >= 1.0)%n", backup, mb / backup, tarB, mb / tarB, tarB / backup);
            out.printf(Locale.ROOT, "restore: lanfree %.2f s (%.0f MB/s), tar -xf %.2f s (%.0f MB/s), ratio %.2f%n",
                    restore, mb / restore, tarR, mb / tarR, tarR / restore);
            out.printf(Locale.ROOT, "no-change incremental: job %.2f s, %.0f%% of the full's job %.2f s"
                    + " (target < 10%%); the fs-agent runs with -Xmx256m%n", incr, 100 * incr / full, full);
        }
        out.flush();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
