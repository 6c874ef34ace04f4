package org.lanfree.cli.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lanfree.connect.session.MediaSession;
import org.lanfree.connect.session.SegmentFetcher;
import org.lanfree.connect.session.WalStager;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.WireException;
import org.lanfree.media.server.ServerConfig;
import org.lanfree.testkit.Await;

/**
 * WAL through a real deployment into the media server's disk staging pool: segments are
 * acknowledged once durable, listed as WAL ranges in the catalog, migrate to tape once 1 MiB
 * waits (the pool keeps no copy on disk afterwards) and are fetched back from wherever they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalStagingTest {

    private static final long SEGMENT_LSNS = 16L << 20;

    private TestDeployment deployment;
    private ServerConfig config;
    private AgentSide agent;

    @BeforeAll
    void up() throws Exception {
        deployment = TestDeployment.up("wal", Map.of("staging.batch-bytes", "1M", "staging.max-age", "1h",
                "staging.keep-segments", "0", "staging.check", "1s", "drive.block-size", "64K"));
        config = deployment.config();
        agent = AgentSide.attach(deployment);
    }

    @AfterAll
    void down() throws Exception {
        agent.close();
        deployment.close();
    }

    @Test
    void segmentsAreStagedListedMigratedAndFetchedBackFromTape() throws Exception {
        byte[][] segments = {random(1 << 20, 1), random(1 << 20, 2), random(1 << 20, 3)};
        try (MediaSession session = open()) {
            WalStager stager = session.stager(Duration.ofSeconds(30));
            for (int i = 0; i < segments.length; i++) {
                String sha = stager.stage("main", segmentName(i + 1), 1, (i + 1) * SEGMENT_LSNS, (i + 2) * SEGMENT_LSNS,
                        new ByteArrayInputStream(segments[i]));
                assertEquals(64, sha.length());
            }
        }
        assertEquals(3, count("SELECT count(*) FROM wal_ranges w JOIN datasets d ON d.id = w.dataset_id"
                + " WHERE d.name = 'main'"), "each segment is a WAL range in the catalog");

        try {
            Await.until((Callable<Boolean>) () -> count("SELECT count(*) FROM wal_ranges w JOIN datasets d"
                    + " ON d.id = w.dataset_id WHERE d.name = 'main' AND w.location = 'tape'") == 3 ? true : null,
                    Duration.ofSeconds(60), "the segments migrated to tape");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; media server log:\n" + deployment.log("media-server"), e);
        }
        assertTrue(count("SELECT count(*) FROM v_tape_contents WHERE content = 'wal' AND dataset = 'main'") == 3,
                "the tape file is listed with the cartridge's contents");
        assertEquals(List.of("done"), deployment.query("SELECT DISTINCT state FROM v_jobs WHERE kind = 'migrate'"
                + " AND files_done > 0"));
        assertTrue(Await.until(() -> noSegmentFilesOnDisk() ? true : null, Duration.ofSeconds(30),
                "the pool dropped its disk copies (keep-segments 0)"));

        try (MediaSession session = open()) {
            SegmentFetcher fetcher = session.fetcher(Duration.ofMinutes(1));
            for (int i = 0; i < segments.length; i++) {
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                assertEquals(segments[i].length, fetcher.fetch("main", segmentName(i + 1), got));
                assertArrayEquals(segments[i], got.toByteArray(), "segment " + (i + 1) + " read back from tape");
            }
        }
    }

    @Test
    void aSegmentSentAgainIsAcknowledgedAgainButOtherBytesUnderItsNameAreRefused() throws Exception {
        byte[] bytes = random(200_000, 7);
        try (MediaSession session = open()) {
            WalStager stager = session.stager(Duration.ofSeconds(30));
            String first = stager.stage("again", segmentName(7), 1, 7 * SEGMENT_LSNS, 8 * SEGMENT_LSNS,
                    new ByteArrayInputStream(bytes));
            assertEquals(first, stager.stage("again", segmentName(7), 1, 7 * SEGMENT_LSNS, 8 * SEGMENT_LSNS,
                    new ByteArrayInputStream(bytes)), "a retry after a lost acknowledgement");
            WireException e = assertThrows(WireException.class, () -> stager.stage("again", segmentName(7), 1,
                    7 * SEGMENT_LSNS, 8 * SEGMENT_LSNS, new ByteArrayInputStream(random(200_000, 8))));
            assertEquals(ErrorCode.REFUSED, e.peerCode().orElseThrow(), e.getMessage());
            assertTrue(e.getMessage().contains("is already staged"), e.getMessage());
        }
        assertEquals(1, count("SELECT count(*) FROM wal_ranges w JOIN datasets d ON d.id = w.dataset_id"
                + " WHERE d.name = 'again'"), "one WAL range, however often it was sent");
    }

    @Test
    void fetchingASegmentThatDoesNotExistIsAnErrorThatKeepsTheSessionOpen() throws Exception {
        byte[] bytes = random(100_000, 9);
        try (MediaSession session = open()) {
            session.stager(Duration.ofSeconds(30)).stage("fetching", segmentName(1), 1, SEGMENT_LSNS,
                    2 * SEGMENT_LSNS, new ByteArrayInputStream(bytes));
        }
        try (MediaSession session = open()) {
            SegmentFetcher fetcher = session.fetcher(Duration.ofSeconds(30));
            WireException e = assertThrows(WireException.class,
                    () -> fetcher.fetch("fetching", "00000002.history", new ByteArrayOutputStream()));
            assertTrue(e.getMessage().contains("has no segment 00000002.history"), e.getMessage());
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            fetcher.fetch("fetching", segmentName(1), got);
            assertArrayEquals(bytes, got.toByteArray(), "the same session goes on after the miss");
        }
    }

    @Test
    void anAcknowledgedSegmentSurvivesTheMediaServerBeingKilled() throws Exception {
        byte[] bytes = random(700_000, 11);
        try (MediaSession session = open()) {
            session.stager(Duration.ofSeconds(30)).stage("crash", segmentName(4), 1, 4 * SEGMENT_LSNS,
                    5 * SEGMENT_LSNS, new ByteArrayInputStream(bytes));
        }
        long pid = deployment.run("status", "--json").json().get("daemons").get(1).get("pid").asLong();
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        server.destroyForcibly();
        server.onExit().get(30, TimeUnit.SECONDS);
        var up = deployment.run("up");
        assertEquals(0, up.exitCode(), up.toString());

        try (MediaSession session = open()) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            session.fetcher(Duration.ofMinutes(1)).fetch("crash", segmentName(4), got);
            assertArrayEquals(bytes, got.toByteArray());
        }
    }

    private boolean noSegmentFilesOnDisk() throws Exception {
        try (var files = java.nio.file.Files.walk(config.staging().dir().resolve("segments/local/main/wal"))) {
            return files.noneMatch(p -> p.getFileName().toString().startsWith("0000000100"));
        }
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(deployment.query(sql).get(0));
    }

    private MediaSession open() throws Exception {
        return agent.open();
    }

    private static String segmentName(int n) {
        return String.format("%08X%08X%08X", 1, 0, n);
    }

    private static byte[] random(int size, long seed) {
        return AgentSide.random(size, seed);
    }
}
