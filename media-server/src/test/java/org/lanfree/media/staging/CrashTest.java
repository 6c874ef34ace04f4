package org.lanfree.media.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.testkit.ChildJvm;

/**
 * A media server killed with SIGKILL in the middle of appends: after reopening, every acknowledged
 * segment is listed and reads back intact, every flushed piece of the unfinished one is kept as a
 * partial segment, and nothing listed fails its check.
 */
class CrashTest {

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedSegmentSurvivesSigkillAndNothingHalfWrittenIsListed() throws Exception {
        Path dir = tmp.resolve("pool");
        String output;
        try (ChildJvm child = ChildJvm.main(AppendingChild.class.getName()).args(dir.toString())
                .log(tmp.resolve("child.log")).start()) {
            child.awaitLine(Pattern.compile("^acked pg-other/wal 0000000000000000000000(1[4-9A-F]|[2-9A-F].)"),
                    Duration.ofSeconds(40));
            child.kill();
            output = child.output();
        }
        Map<String, String> acked = new HashMap<>();
        Map<String, Long> flushed = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] w = line.split(" ");
            if (w.length == 4 && w[0].equals("acked")) {
                acked.put(w[1] + "/" + w[2], w[3]);
            } else if (w.length == 4 && w[0].equals("flushed")) {
                flushed.put(w[1] + "/" + w[2], Long.parseLong(w[3]));
            }
        }
        assertTrue(acked.size() >= 40, "the child acknowledged at least 40 segments before it was killed");

        try (DiskStagingPool pool = DiskStagingPool.open(dir, StagingPolicy.defaults())) {
            for (var e : acked.entrySet()) {
                int slash = e.getKey().lastIndexOf('/');
                StreamKey stream = StreamKey.valueOf(e.getKey().substring(0, slash));
                String name = e.getKey().substring(slash + 1);
                Segment s = pool.segment(stream, name).orElseThrow(() -> new AssertionError(
                        "acknowledged " + e.getKey() + " is missing after the crash"));
                assertEquals(e.getValue(), s.sha256(), e.getKey());
                int i = Integer.parseInt(name, 16);
                byte[] expected = stream.value().equals("pg-main/wal")
                        ? StagingFixtures.random(20_000 + (i % 7) * 30_011, i) : AppendingChild.pieceBytes(i);
                assertArrayEquals(expected, StagingFixtures.readAll(pool.open(stream, name, null)), e.getKey());
            }
            for (StreamKey stream : pool.streams()) {
                List<Segment> all = pool.list(stream);
                for (Segment s : all) {
                    byte[] bytes = StagingFixtures.readAll(pool.open(stream, s.name(), null));
                    assertEquals(s.bytes(), bytes.length, s.toString());
                    String key = stream + "/" + s.name();
                    if (s.name().endsWith(".partial")) {
                        String whole = key.substring(0, key.length() - ".partial".length());
                        assertTrue(!acked.containsKey(whole) && flushed.getOrDefault(whole, 0L) <= s.bytes(),
                                "a partial segment holds at least the flushed bytes of an unfinished one: " + key);
                    } else {
                        assertTrue(acked.containsKey(key) || stream.value().equals("pg-main/wal")
                                || stream.value().equals("pg-other/wal"), key);
                    }
                }
            }
            long extra = pool.streams().stream().mapToLong(k -> pool.list(k).size()).sum() - acked.size();
            assertTrue(extra <= 2, "at most the segment being appended and one partial are more than was"
                    + " acknowledged; found " + extra + " more");
        }
    }
}
