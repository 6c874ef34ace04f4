package org.lanfree.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.BackupInfo;
import org.lanfree.media.vtl.Drive;
import org.lanfree.media.vtl.LibraryConfig;
import org.lanfree.media.vtl.TapeException;
import org.lanfree.media.vtl.TapeFileWriter;
import org.lanfree.media.vtl.TapeLibrary;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lanfree bench vtl}: writes the same backup stream to the virtual tape library (as a tape
 * file: header, blocks with checksums in the index, filemark, everything fsynced) and, in the
 * same run, with a plain sequential write and fdatasync to the same disk; interleaved
 * repetitions, medians.
 */
@Command(name = "vtl", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure writing a backup stream to the virtual tape library against a plain",
                "sequential write + fdatasync of the same bytes to the same disk."})
public final class VtlBench implements Callable<Integer> {

    private static final int CHUNK = 1 << 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--bytes", defaultValue = "2G", description = "bytes per repetition (default ${DEFAULT-VALUE})")
    String bytesText;

    @Option(names = "--repetitions", defaultValue = "3", description = "repetitions of each side, interleaved (default ${DEFAULT-VALUE})")
    int repetitions;

    @Option(names = "--dir", description = "folder on the disk to measure (default: a new folder under /tmp)")
    Path dir;

    @Option(names = "--json", description = "print one JSON object for scripts")
    boolean json;

    @Override
    public Integer call() throws IOException {
        long bytes = BenchSupport.size("--bytes", bytesText);
        if (repetitions < 1) {
            throw CommandFailure.usage("--repetitions " + repetitions + " is below 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory(dir == null ? Path.of("/tmp") : dir, "lf-bench-vtl-");
        ByteBuffer pattern = pattern();
        List<Double> vtl = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        boolean dropped = false;
        try {
            for (int i = 1; i <= repetitions; i++) {
                dropped = dropCaches();
                progress(out, "repetition " + i + ": vtl ...");
                vtl.add(writeVtl(work.resolve("vtl-" + i), bytes, pattern));
                BenchSupport.deleteTree(work.resolve("vtl-" + i));
                dropped = dropCaches();
                progress(out, "repetition " + i + ": plain write + fdatasync ...");
                plain.add(writePlain(work.resolve("plain-" + i + ".dat"), bytes, pattern));
                Files.delete(work.resolve("plain-" + i + ".dat"));
            }
        } finally {
            BenchSupport.deleteTree(work);
        }
        report(out, bytes, vtl, plain, dropped);
        return 0;
    }

    private static double writeVtl(Path folder, long bytes, ByteBuffer pattern) throws IOException {
        long capacity = bytes + (bytes >> 2) + (256L << 20);
        LibraryConfig config = new LibraryConfig(folder, 1, 4, 1, 256 * 1024, 2, Barcode.valueOf("LF0001L8"),
                "scratch", capacity, capacity - (64L << 20));
        try (TapeLibrary library = TapeLibrary.open(config)) {
            Barcode barcode = library.takeScratch("bench");
            Drive drive = library.load(barcode, 0);
            drive.locateEndOfData();
            BackupInfo info = new BackupInfo("bench-1", "bench", "fs", "full", Instant.now(), "none");
            long t0 = System.nanoTime();
            try (TapeFileWriter writer = TapeFileWriter.start(drive, info, (full, section) -> {
                throw new TapeException(TapeException.Sense.VOLUME_OVERFLOW,
                        "bench: cartridge " + full + " filled up; the benchmark sizes cartridges to hold one stream");
            })) {
                for (long written = 0; written < bytes; written += CHUNK) {
                    ByteBuffer chunk = pattern.duplicate().limit((int) Math.min(CHUNK, bytes - written));
                    writer.write(chunk);
                }
                writer.finish();
            }
            return bytes / 1e6 / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static double writePlain(Path file, long bytes, ByteBuffer pattern) throws IOException {
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long written = 0; written < bytes; written += CHUNK) {
                ByteBuffer chunk = pattern.duplicate().limit((int) Math.min(CHUNK, bytes - written));
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
            }
            ch.force(false);
        }
        return bytes / 1e6 / ((System.nanoTime() - t0) / 1e9);
    }

    /** One MiB of incompressible bytes, reused for every chunk (the disk does not compress). */
    private static ByteBuffer pattern() {
        byte[] bytes = new byte[CHUNK];
        new Random(7).nextBytes(bytes);
        return ByteBuffer.allocateDirect(CHUNK).put(bytes).flip();
    }

    /** Flushes and drops the page cache so each repetition starts alike; false when not permitted. */
    private static boolean dropCaches() {
        try {
            new ProcessBuilder("sync").start().waitFor();
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void report(PrintWriter out, long bytes, List<Double> vtl, List<Double> plain, boolean dropped) {
        double v = median(vtl);
        double p = median(plain);
        if (json) {
            ObjectNode root = Json.object();
            root.put("vtlMbPerSec", Math.round(v));
            root.put("plainMbPerSec", Math.round(p));
            root.put("ratio", Math.round(v / p * 100) / 100.0);
            root.put("bytesPerRepetition", bytes);
            ArrayNode reps = root.putArray("repetitions");
            for (int i = 0; i < vtl.size(); i++) {
                reps.addObject().put("vtlMbPerSec", Math.round(vtl.get(i))).put("plainMbPerSec", Math.round(plain.get(i)));
            }
            root.put("cachesDropped", dropped);
            out.println(Json.pretty(root));
        } else {
            out.printf(Locale.ROOT, "%nrepetition   vtl MB/s   plain MB/s%n");
            for (int i = 0; i < vtl.size(); i++) {
                out.printf(Locale.ROOT, "%10d %10.0f %12.0f%n", i + 1, vtl.get(i), plain.get(i));
            }
            out.printf(Locale.ROOT, "%nmedian: vtl %.0f MB/s, plain write + fdatasync %.0f MB/s, ratio %.2f (target >= 0.90)%n",
                    v, p, v / p);
            if (!dropped) {
                out.println("(the page cache could not be dropped between repetitions: run as root for steadier figures)");
            }
        }
        out.flush();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private void progress(PrintWriter out, String what) {
        if (!json) {
            out.println(what);
            out.flush();
        }
    }
}
