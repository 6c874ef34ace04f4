package org.lanfree.media.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appends, writers, reads, reopening, the manifest's torn tail, quota and concurrent streams, on real files. */
class DiskStagingPoolTest {

    static final StreamKey WAL = StreamKey.valueOf("pg-main/wal");
    static final StreamKey LOG = StreamKey.valueOf("pg-main/log");

    @TempDir
    Path tmp;

    private DiskStagingPool open() throws Exception {
        return DiskStagingPool.open(tmp.resolve("pool"), StagingPolicy.defaults());
    }

    @Test
    void appendedSegmentsReadBackAndAreListedOnDiskAfterReopening() throws Exception {
        byte[] a = StagingFixtures.random(3_000_000, 1);
        byte[] b = StagingFixtures.random(0, 2);
        try (DiskStagingPool pool = open()) {
            Segment s = pool.append(WAL, "000000010000000000000001", new ByteArrayInputStream(a));
            assertEquals(a.length, s.bytes());
            assertEquals(StagingFixtures.sha256(a), s.sha256());
            assertEquals(Segment.Place.DISK, s.place());
            pool.append(WAL, "000000010000000000000002", ByteBuffer.wrap(b));
            assertArrayEquals(a, StagingFixtures.readAll(pool.open(WAL, "000000010000000000000001", null)));
        }
        try (DiskStagingPool pool = open()) {
            List<Segment> list = pool.list(WAL);
            assertEquals(List.of("000000010000000000000001", "000000010000000000000002"),
                    list.stream().map(Segment::name).toList());
            assertArrayEquals(a, StagingFixtures.readAll(pool.open(WAL, "000000010000000000000001", null)));
            assertArrayEquals(b, StagingFixtures.readAll(pool.open(WAL, "000000010000000000000002", null)));
            assertEquals(Map.of(WAL, (long) a.length), pool.usage());
            assertTrue(Files.isRegularFile(tmp.resolve("pool/segments/pg-main/wal/000000010000000000000001@1")));
        }
    }

    @Test
    void sameBytesAgainAreAcceptedAndOtherBytesUnderTheSameNameAreAConflict() throws Exception {
        try (DiskStagingPool pool = open()) {
            Segment first = pool.append(WAL, "000000010000000000000001", ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertEquals(first, pool.append(WAL, "000000010000000000000001",
                    new ByteArrayInputStream(new byte[] {1, 2, 3})));
            StagingException e = assertThrows(StagingException.class,
                    () -> pool.append(WAL, "000000010000000000000001", ByteBuffer.wrap(new byte[] {9})));
            assertEquals(StagingException.Reason.CONFLICT, e.reason());
            assertTrue(e.getMessage().contains("000000010000000000000001") && e.getMessage().contains("HINT"),
                    e.getMessage());
            assertArrayEquals(new byte[] {1, 2, 3},
                    StagingFixtures.readAll(pool.open(WAL, "000000010000000000000001", null)));
        }
    }

    @Test
    void partialSegmentsMayBeReplacedByALongerVersion() throws Exception {
        try (DiskStagingPool pool = open()) {
            pool.append(WAL, "000000010000000000000001.partial", ByteBuffer.wrap(new byte[] {1}));
            pool.append(WAL, "000000010000000000000001.partial", ByteBuffer.wrap(new byte[] {1, 2}));
            assertArrayEquals(new byte[] {1, 2},
                    StagingFixtures.readAll(pool.open(WAL, "000000010000000000000001.partial", null)));
            assertEquals(2L, pool.usedBytes());
        }
        try (DiskStagingPool pool = open()) {
            assertEquals(1, pool.list(WAL).size());
            try (var files = Files.list(tmp.resolve("pool/segments/pg-main/wal"))) {
                assertEquals(1, files.count(), "the replaced version's file is gone");
            }
        }
    }

    @Test
    void writerInPiecesCommitsTheWholeSegment() throws Exception {
        try (DiskStagingPool pool = open()) {
            try (SegmentWriter w = pool.openSegment(WAL, "000000010000000000000007")) {
                w.write(new byte[] {1, 2}, 0, 2);
                assertEquals(2, w.flush());
                w.write(ByteBuffer.wrap(new byte[] {3}));
                assertEquals(3, w.flush());
                StagingException busy = assertThrows(StagingException.class,
                        () -> pool.openSegment(WAL, "000000010000000000000007"));
                assertEquals(StagingException.Reason.BUSY, busy.reason());
                assertEquals(3, w.commit().bytes());
            }
            assertArrayEquals(new byte[] {1, 2, 3},
                    StagingFixtures.readAll(pool.open(WAL, "000000010000000000000007", null)));
        }
    }

    @Test
    void abandonedWriterKeepsOnlyItsFlushedBytesAsAPartialSegmentAfterReopening() throws Exception {
        try (DiskStagingPool pool = open()) {
            pool.append(WAL, "000000010000000000000001", ByteBuffer.wrap(new byte[] {7}));
            SegmentWriter flushedOnce = pool.openSegment(WAL, "000000010000000000000002");
            flushedOnce.write(new byte[] {1, 2, 3}, 0, 3);
            flushedOnce.flush();
            flushedOnce.write(new byte[] {4, 5}, 0, 2);
            SegmentWriter neverFlushed = pool.openSegment(LOG, "log-1");
            neverFlushed.write(new byte[] {9}, 0, 1);
        }
        try (DiskStagingPool pool = open()) {
            assertEquals(List.of("000000010000000000000001", "000000010000000000000002.partial"),
                    pool.list(WAL).stream().map(Segment::name).toList());
            assertArrayEquals(new byte[] {1, 2, 3},
                    StagingFixtures.readAll(pool.open(WAL, "000000010000000000000002.partial", null)));
            assertTrue(pool.list(LOG).isEmpty(), "a writer that never flushed leaves nothing");
            assertEquals(4L, pool.usedBytes());
        }
    }

    @Test
    void writerClosedWithoutCommitKeepsItsFlushedBytesAsAPartialSegment() throws Exception {
        try (DiskStagingPool pool = open()) {
            try (SegmentWriter w = pool.openSegment(WAL, "000000010000000000000002")) {
                w.write(new byte[] {1, 2, 3}, 0, 3);
                w.flush();
                w.write(new byte[] {4}, 0, 1);
            }
            assertArrayEquals(new byte[] {1, 2, 3},
                    StagingFixtures.readAll(pool.open(WAL, "000000010000000000000002.partial", null)));
            assertTrue(pool.segment(WAL, "000000010000000000000002").isEmpty());
            assertEquals(3L, pool.usedBytes());
        }
    }

    @Test
    void tornManifestTailIsCutOffAndTheAcknowledgedSegmentsStay() throws Exception {
        try (DiskStagingPool pool = open()) {
            for (int i = 1; i <= 3; i++) {
                pool.append(WAL, "seg-" + i, ByteBuffer.wrap(StagingFixtures.random(100, i)));
            }
        }
        Path manifest = tmp.resolve("pool/manifest");
        long intact = Files.size(manifest);
        try (FileChannel ch = FileChannel.open(manifest, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap("0badc0de ADD seq=4 stream=pg-main/wal segment=seg-4 bytes=1 sha256=00\n"
                    .getBytes(StandardCharsets.UTF_8)));
            ch.write(ByteBuffer.wrap("1234".getBytes(StandardCharsets.UTF_8)));
            ch.write(ByteBuffer.wrap(new byte[300]));
        }
        try (DiskStagingPool pool = open()) {
            assertEquals(3, pool.list(WAL).size());
            assertEquals(intact, Files.size(manifest), "the torn tail is cut off");
            pool.append(WAL, "seg-4", ByteBuffer.wrap(new byte[] {4}));
        }
        try (DiskStagingPool pool = open()) {
            assertEquals(4, pool.list(WAL).size());
        }
    }

    @Test
    void manifestDamagedBeforeItsTailRefusesToOpen() throws Exception {
        try (DiskStagingPool pool = open()) {
            pool.append(WAL, "seg-1", ByteBuffer.wrap(new byte[] {1}));
            pool.append(WAL, "seg-2", ByteBuffer.wrap(new byte[] {2}));
        }
        Path manifest = tmp.resolve("pool/manifest");
        byte[] bytes = Files.readAllBytes(manifest);
        bytes[20] ^= 1;
        Files.write(manifest, bytes);
        StagingException e = assertThrows(StagingException.class, this::open);
        assertEquals(StagingException.Reason.MANIFEST_DAMAGED, e.reason());
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("line 2"), e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(manifest), "a refused open changes nothing");
    }

    @Test
    void secondOpenOfTheSamePoolIsRefused() throws Exception {
        try (DiskStagingPool pool = open()) {
            StagingException e = assertThrows(StagingException.class, this::open);
            assertEquals(StagingException.Reason.BUSY, e.reason());
        }
    }

    @Test
    void quotaExceededFailsTheAppendClearlyAndKeepsEarlierSegments() throws Exception {
        StagingPolicy policy = StagingPolicy.defaults().withMaxBytes(250_000);
        try (DiskStagingPool pool = DiskStagingPool.open(tmp.resolve("pool"), policy)) {
            byte[] first = StagingFixtures.random(200_000, 1);
            pool.append(WAL, "seg-1", ByteBuffer.wrap(first));
            InputStream big = new ByteArrayInputStream(StagingFixtures.random(100_000, 2));
            StagingException e = assertThrows(StagingException.class, () -> pool.append(WAL, "seg-2", big));
            assertEquals(StagingException.Reason.QUOTA_EXCEEDED, e.reason());
            assertTrue(e.retryable());
            assertTrue(e.getMessage().contains("seg-2") && e.getMessage().contains("300000 bytes")
                    && e.getMessage().contains("250000") && e.getMessage().contains("HINT"), e.getMessage());
            assertTrue(pool.segment(WAL, "seg-2").isEmpty());
            assertEquals(200_000L, pool.usedBytes());
            assertArrayEquals(first, StagingFixtures.readAll(pool.open(WAL, "seg-1", null)));
            try (var files = Files.list(tmp.resolve("pool/segments/pg-main/wal"))) {
                assertEquals(1, files.count(), "the refused segment's temp file is gone");
            }
            pool.append(WAL, "seg-2", ByteBuffer.wrap(StagingFixtures.random(50_000, 3)));
        }
    }

    @Test
    void changedDiskCopyIsReportedDamagedNamingTheSegmentAndTheFile() throws Exception {
        try (DiskStagingPool pool = open()) {
            Segment s = pool.append(WAL, "000000010000000000000001", ByteBuffer.wrap(StagingFixtures.random(5000, 1)));
            Path file = tmp.resolve("pool/segments/pg-main/wal/000000010000000000000001@" + s.seq());
            byte[] bytes = Files.readAllBytes(file);
            bytes[4000] ^= 0x40;
            Files.write(file, bytes);
            StagingException e = assertThrows(StagingException.class,
                    () -> pool.open(WAL, "000000010000000000000001", null));
            assertEquals(StagingException.Reason.DAMAGED, e.reason());
            assertTrue(e.getMessage().contains("segment 000000010000000000000001") && e.getMessage().contains(
                    "disk file " + file) && e.getMessage().contains(s.sha256()), e.getMessage());
        }
    }

    @Test
    void invalidNamesAreRefusedWithTheRuleTheyBreak() throws Exception {
        try (DiskStagingPool pool = open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.append(WAL, "../escape", ByteBuffer.allocate(1)));
            assertTrue(e.getMessage().contains("'../escape'") && e.getMessage().contains("expected"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> StreamKey.valueOf("pg-main//wal"));
            assertThrows(IllegalArgumentException.class, () -> StreamKey.valueOf("/abs"));
        }
    }

    @Test
    void streamsAppendAtOnceAndEverySegmentIsStored() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (DiskStagingPool pool = open()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                StreamKey stream = StreamKey.valueOf("client" + t + "/wal");
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        pool.append(stream, "seg-" + i, ByteBuffer.wrap(StagingFixtures.random(10_000, i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertEquals(4, pool.streams().size());
            pool.streams().forEach(k -> assertEquals(25, pool.list(k).size(), k.toString()));
            assertEquals(4 * 25 * 10_000L, pool.usedBytes());
        } finally {
            threads.shutdownNow();
        }
        try (DiskStagingPool pool = open()) {
            assertEquals(100, pool.streams().stream().mapToInt(k -> pool.list(k).size()).sum());
            assertFalse(pool.migrationDue(), "1 MB waits, less than a batch, and it is new");
        }
    }
}
