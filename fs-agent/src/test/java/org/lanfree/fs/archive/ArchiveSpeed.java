package org.lanfree.fs.archive;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.time.Clock;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.tree.WalkOptions;
import org.lanfree.fs.tree.WarningList;

/**
 * Full backups of a folder (RUNS of them in one JVM, so the later ones run warm) written to standard output, timed on standard error: compare with
 * GNU tar on the same warm tree, both through a pipe.
 *
 * <pre>
 * /usr/bin/time tar -cf - DIR | cat > /dev/null
 * java --enable-native-access=ALL-UNNAMED -cp fs-agent/target/classes:fs-agent/target/test-classes \
 *     org.lanfree.fs.archive.ArchiveSpeed DIR [RUNS] | cat > /dev/null
 * </pre>
 */
public final class ArchiveSpeed {

    private ArchiveSpeed() {
    }

    /** CPU time of the whole process (every thread, the JIT's too), in nanoseconds. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        try (OutputStream out = new FileOutputStream(FileDescriptor.out)) {
            for (int run = 1; run <= runs; run++) {
                WarningList warnings = new WarningList(10);
                long start = System.nanoTime();
                long cpuStart = cpu();
                long writerStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                ArchiveSummary summary = new TreeArchiver(WalkOptions.DEFAULT, warnings, ArchiveListener.NONE,
                        OwnerNames.fromSystem(), Clock.systemUTC()).archive(ByteString.of(args[0]), out);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (cpu() - cpuStart) / 1e9;
                double writer = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
                        - writerStart) / 1e9;
                System.err.printf("lanfree run %d: %d files, %d MiB in %.2f s = %.0f MiB/s, CPU %.2f s (writer's thread"
                                + " %.2f s, the rest hashing lanes, JIT, GC), %s%n", run, summary.files(), summary.bytes() >> 20,
                        seconds, summary.bytes() / 1048576.0 / seconds, cpu, writer, warnings);
            }
        }
    }
}
