package org.lanfree.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.array.config.Sizes;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.FreePorts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lanfree bench transport}: moves the same bytes one way through (a) STP over the
 * shared-memory channel, (b) STP over the TCP channel and (c) plain TCP loopback, each between
 * two host processes, for several message sizes; reports MB/s, each case's ratio to plain TCP at
 * the same size, the machine's memory-copy bandwidth and the array's resident memory.
 */
@Command(name = "transport", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure STP (shared-memory and TCP channel) against plain TCP loopback.",
                "Starts its own array-sim and two host processes per case; takes about two minutes."})
public final class TransportBench implements Callable<Integer> {

    /** Fewest messages a case sends untimed: a fresh JVM compiles a path only after thousands of calls. */
    static final long WARMUP_MESSAGES = 16_384;
    private static final Pattern READY = Pattern.compile("^ready (\\d+)");
    private static final Pattern RESULT = Pattern.compile("^result bytes=(\\d+) nanos=(\\d+)");

    @Spec
    CommandSpec spec;

    @Option(names = "--bytes", defaultValue = "4G", description = "bytes timed per case (default ${DEFAULT-VALUE})")
    String bytesText;

    @Option(names = "--warmup", defaultValue = "1G", description = {"bytes sent first per case, not timed (default ${DEFAULT-VALUE});",
            "at least " + TransportBench.WARMUP_MESSAGES + " messages, so the peers' JIT has compiled the send and receive paths"})
    String warmupText;

    @Option(names = "--sizes", defaultValue = "4K,64K,1M", split = ",", description = "message sizes (default ${DEFAULT-VALUE})")
    List<String> sizes;

    @Option(names = "--track-size", defaultValue = "1M", description = "the array's track size (default ${DEFAULT-VALUE})")
    String trackSizeText;

    @Option(names = "--ring", defaultValue = "32", description = "ring length in tracks per direction (default ${DEFAULT-VALUE})")
    int ring;

    @Option(names = "--cache", defaultValue = "512M", description = "the array's cache size (default ${DEFAULT-VALUE})")
    String cacheText;

    @Option(names = "--json", description = "print one JSON object for scripts")
    boolean json;

    private record Case(String name, int messageBytes, double mbPerSec) {
    }

    @Override
    public Integer call() throws Exception {
        long bytes = BenchSupport.size("--bytes", bytesText);
        long warmup = BenchSupport.size("--warmup", warmupText);
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "lf-bench-");
        int tcpPort = FreePorts.pair();
        Path conf = dir.resolve("array.conf");
        long trackSize = BenchSupport.size("--track-size", trackSizeText);
        writeArrayConfig(conf, tcpPort, trackSize, BenchSupport.size("--cache", cacheText) / trackSize, ring);
        List<Case> cases = new ArrayList<>();
        double memcpy;
        long cacheBytes = ArrayConfigReader.read(conf).cacheBytes();
        ResidentMemory rss;
        try (JavaChild array = JavaChild.start("array-sim", List.of("-Xmx128m"), "array-sim", "start", "--config", conf.toString())) {
            array.await(Pattern.compile("array-sim ready"), 60);
            rss = ResidentMemory.watch(array.pid());
            progress(out, "memory copy ...");
            memcpy = MemoryCopy.measureMbPerSec(1L << 30);
            // A fresh array is still compiling its hot paths: run each channel once untimed.
            progress(out, "warming up the array ...");
            runCase("unix:" + dir.resolve("run/array.sock"), 1 << 20, 2L << 30, 0);
            runCase("tcp:127.0.0.1:" + tcpPort, 64 << 10, 1L << 30, 0);
            for (String s : sizes) {
                int message = (int) BenchSupport.size("--sizes", s);
                for (String transport : List.of("tcp", "stp-shm", "stp-tcp")) {
                    String channel = switch (transport) {
                        case "stp-shm" -> "unix:" + dir.resolve("run/array.sock");
                        case "stp-tcp" -> "tcp:127.0.0.1:" + tcpPort;
                        default -> null;
                    };
                    progress(out, String.format(Locale.ROOT, "%-8s %8s messages ...", transport, Sizes.format(message)));
                    long caseWarmup = Math.max(warmup, WARMUP_MESSAGES * message);
                    cases.add(new Case(transport, message, runCase(channel, message, bytes, caseWarmup)));
                }
            }
            rss.stop();
        } finally {
            BenchSupport.deleteTree(dir);
        }
        report(out, cases, memcpy, rss.maxBytes(), cacheBytes, bytes);
        return 0;
    }

    private double runCase(String channel, int message, long bytes, long warmup) {
        List<String> common = new ArrayList<>(List.of("bench", "transport-peer", "--message", Integer.toString(message),
                "--bytes", Long.toString(bytes), "--warmup", Long.toString(warmup)));
        if (channel != null) {
            common.add("--channel");
            common.add(channel);
        }
        List<String> recvArgs = new ArrayList<>(common);
        recvArgs.addAll(List.of("--role", "recv"));
        try (JavaChild receiver = JavaChild.start("receiver", List.of("-Xmx256m"), recvArgs.toArray(String[]::new))) {
            String port = receiver.await(READY, 60).group(1);
            List<String> sendArgs = new ArrayList<>(common);
            sendArgs.addAll(List.of("--role", "send", "--port", port));
            try (JavaChild sender = JavaChild.start("sender", List.of("-Xmx256m"), sendArgs.toArray(String[]::new))) {
                Matcher m = receiver.await(RESULT, 600);
                sender.waitFor(60);
                long got = Long.parseLong(m.group(1));
                if (got != bytes) {
                    throw CommandFailure.failed("the receiver counted " + got + " bytes, the sender sent " + bytes);
                }
                return got / 1e6 / (Long.parseLong(m.group(2)) / 1e9);
            }
        }
    }

    private void report(PrintWriter out, List<Case> cases, double memcpy, long rssMax, long cacheBytes, long bytes) {
        Map<Integer, Double> tcp = new LinkedHashMap<>();
        for (Case c : cases) {
            if (c.name().equals("tcp")) {
                tcp.put(c.messageBytes(), c.mbPerSec());
            }
        }
        if (json) {
            ObjectNode root = Json.object();
            ArrayNode list = root.putArray("cases");
            for (Case c : cases) {
                ObjectNode n = list.addObject();
                n.put("name", c.name());
                n.put("messageBytes", c.messageBytes());
                n.put("mbPerSec", Math.round(c.mbPerSec()));
                n.put("ratioToTcp", round2(c.mbPerSec() / tcp.get(c.messageBytes())));
            }
            root.put("memcpyMbPerSec", Math.round(memcpy));
            root.put("bytesPerCase", bytes);
            root.put("arrayRssMaxBytes", rssMax);
            root.put("arrayCacheBytes", cacheBytes);
            root.put("arrayOverheadBytes", rssMax - cacheBytes);
            out.println(Json.pretty(root));
            return;
        }
        out.printf(Locale.ROOT, "%n%-10s %10s %10s %12s%n", "case", "message", "MB/s", "ratio to tcp");
        for (Case c : cases) {
            out.printf(Locale.ROOT, "%-10s %10s %10.0f %12.2f%n", c.name(), Sizes.format(c.messageBytes()), c.mbPerSec(),
                    c.mbPerSec() / tcp.get(c.messageBytes()));
        }
        out.printf(Locale.ROOT, "%nmemory copy (one thread): %.0f MB/s%n", memcpy);
        out.printf(Locale.ROOT, "array-sim resident memory: at most %s for a %s cache (overhead %s)%n",
                Sizes.format(rssMax / 1024 * 1024), Sizes.format(cacheBytes), Sizes.format(Math.max(0, rssMax - cacheBytes) / 1024 * 1024));
        for (Case c : cases) {
            if (c.name().equals("stp-shm") && c.messageBytes() == (1 << 20)) {
                out.printf(Locale.ROOT, "STP shared memory at 1M: %.2fx plain TCP (target >= 1.5), %.0f%% of memory copy (target >= 60%%)%n",
                        c.mbPerSec() / tcp.get(c.messageBytes()), 100 * c.mbPerSec() / memcpy);
            }
        }
        out.flush();
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private void progress(PrintWriter out, String what) {
        if (!json) {
            out.println(what);
            out.flush();
        }
    }

    /** Two small devices, the cache and ring asked for, and a TCP channel on loopback. */
    private static void writeArrayConfig(Path conf, int tcpPort, long trackSize, long slots, int ring)
            throws IOException {
        ArrayConfigReader.writeDefault(conf, Map.of(
                "channel.tcp", "127.0.0.1:" + tcpPort,
                "cache.track-size", Sizes.format(trackSize),
                "cache.slots", Long.toString(slots),
                "devices.count", "2",
                "devices.tracks", Integer.toString(Math.max(4 * ring, 64)),
                "stg.1.devices", "0",
                "stg.1.ring", Integer.toString(ring),
                "stg.1.max-ring", Integer.toString(Math.max(ring, 64)),
                "stg.2.devices", "1"));
    }
}
