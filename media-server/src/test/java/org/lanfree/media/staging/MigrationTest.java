package org.lanfree.media.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.media.vtl.DamagedBlockException;
import org.lanfree.media.vtl.Section;

/** Migration to a real tape library, the archive as GNU tar and sha256sum see it, and reads from tape. */
class MigrationTest {

    static final StreamKey WAL = StreamKey.valueOf("pg-main/wal");
    static final StreamKey OTHER = StreamKey.valueOf("pg-other/wal");

    @TempDir
    Path tmp;

    private DiskStagingPool open(StagingPolicy policy) throws Exception {
        return DiskStagingPool.open(tmp.resolve("pool"), policy);
    }

    /** Five segments in two streams, by member name, appended in this order. */
    private Map<String, byte[]> fill(DiskStagingPool pool) throws Exception {
        Map<String, byte[]> all = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            StreamKey stream = i % 2 == 0 ? OTHER : WAL;
            String name = String.format("%024X", i);
            byte[] bytes = StagingFixtures.random(30_000 + i * 7_001, i);
            pool.append(stream, name, ByteBuffer.wrap(bytes));
            all.put(stream + "/" + name, bytes);
        }
        return all;
    }

    @Test
    void migrationWritesOneTapeFileThatGnuTarExtractsAndSha256sumChecks() throws Exception {
        try (VtlTape tape = new VtlTape(tmp.resolve("vtl"));
                DiskStagingPool pool = open(StagingPolicy.defaults().withKeep(1, 0))) {
            Map<String, byte[]> segments = fill(pool);
            MigrationResult m = pool.migrate(tape);
            assertEquals(List.copyOf(segments.keySet()), m.migrated().stream().map(Segment::member).toList(),
                    "oldest first");
            assertEquals(1, m.sections().size());
            assertEquals(VtlTape.POOL, tape.library.cartridge(m.sections().get(0).barcode()).pool());

            Path archive = tmp.resolve("payload.tar");
            Files.write(archive, tape.payload(m.sections()));
            assertEquals(m.archiveBytes(), Files.size(archive));
            List<String> listing = StagingFixtures.run(tmp, "tar", "-tf", archive.toString()).lines().toList();
            List<String> expected = new ArrayList<>(segments.keySet());
            expected.add("SHA256SUMS");
            assertEquals(expected, listing, "members in order, SHA256SUMS last");
            Path out = Files.createDirectories(tmp.resolve("out"));
            StagingFixtures.run(tmp, "tar", "-xf", archive.toString(), "-C", out.toString());
            for (var e : segments.entrySet()) {
                assertArrayEquals(e.getValue(), Files.readAllBytes(out.resolve(e.getKey())), e.getKey());
            }
            String check = StagingFixtures.run(out, "sha256sum", "-c", "SHA256SUMS");
            assertEquals(5, check.lines().filter(l -> l.endsWith(": OK")).count(), check);
        }
    }

    @Test
    void readsAfterMigrationComeFromTapeAndNewestSegmentsStayOnDiskToo() throws Exception {
        try (VtlTape tape = new VtlTape(tmp.resolve("vtl"))) {
            Map<String, byte[]> segments;
            MigrationResult m;
            try (DiskStagingPool pool = open(StagingPolicy.defaults().withKeep(1, 0))) {
                segments = fill(pool);
                long before = pool.usedBytes();
                m = pool.migrate(tape);
                assertEquals(3, m.dropped().size(), "each stream keeps its newest segment");
                assertEquals(before - m.dropped().stream().mapToLong(Segment::bytes).sum(), pool.usedBytes());
                assertTrue(pool.migrate(tape).isEmpty(), "nothing is left to migrate");
            }
            try (DiskStagingPool pool = open(StagingPolicy.defaults().withKeep(1, 0))) {
                List<Segment> wal = pool.list(WAL);
                assertEquals(List.of(Segment.Place.TAPE, Segment.Place.TAPE, Segment.Place.BOTH),
                        wal.stream().map(Segment::place).toList());
                TapeCopy copy = wal.get(0).tape().orElseThrow();
                assertEquals(m.tapeFile(), copy.tapeFile());
                assertEquals(m.sections(), copy.sections());
                for (var e : segments.entrySet()) {
                    int slash = e.getKey().lastIndexOf('/');
                    StreamKey stream = StreamKey.valueOf(e.getKey().substring(0, slash));
                    assertArrayEquals(e.getValue(), StagingFixtures.readAll(pool.open(stream,
                            e.getKey().substring(slash + 1), tape)), e.getKey());
                }
                StagingException noTape = assertThrows(StagingException.class,
                        () -> pool.open(WAL, wal.get(0).name(), null));
                assertTrue(noTape.getMessage().contains(copy.describe()), noTape.getMessage());
                try (var spool = Files.list(tmp.resolve("pool/tmp"))) {
                    assertEquals(0, spool.count(), "read-back copies are deleted when their streams close");
                }
            }
        }
    }

    @Test
    void damagedTapeBlockFailsTheReadNamingTheSegmentAndTheBlock() throws Exception {
        try (VtlTape tape = new VtlTape(tmp.resolve("vtl"));
                DiskStagingPool pool = open(StagingPolicy.defaults().withKeep(0, 0))) {
            fill(pool);
            MigrationResult m = pool.migrate(tape);
            Segment victim = pool.list(OTHER).get(1);
            Section section = m.sections().get(0);
            long at = section.payloadOffset() + victim.tape().orElseThrow().offset() + 1000;
            try (RandomAccessFile data = new RandomAccessFile(tape.dataFile(section.barcode()).toFile(), "rw")) {
                data.seek(at);
                int b = data.read();
                data.seek(at);
                data.write(b ^ 0xff);
            }
            StagingException e = assertThrows(StagingException.class,
                    () -> pool.open(OTHER, victim.name(), tape));
            assertEquals(StagingException.Reason.DAMAGED, e.reason());
            assertTrue(e.getCause() instanceof DamagedBlockException, "cause: " + e.getCause());
            assertTrue(e.getMessage().contains("segment " + victim.name()) && e.getMessage().contains(
                    section.barcode().toString()) && e.getMessage().contains(" block "), e.getMessage());
            assertArrayEquals(StagingFixtures.random(30_000 + 2 * 7_001, 2), StagingFixtures.readAll(
                    pool.open(OTHER, pool.list(OTHER).get(0).name(), tape)), "the segment before it still reads");
        }
    }

    @Test
    void migrationIsDueByBatchSizeOrByAgeOfTheOldestWaitingSegment() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
        StagingPolicy policy = StagingPolicy.defaults().withBatch(100_000, Duration.ofMinutes(10));
        try (VtlTape tape = new VtlTape(tmp.resolve("vtl"));
                DiskStagingPool pool = DiskStagingPool.open(tmp.resolve("pool"), policy, clock)) {
            pool.append(WAL, "a", ByteBuffer.wrap(StagingFixtures.random(40_000, 1)));
            assertFalse(pool.migrationDue());
            clock.now = clock.now.plus(Duration.ofMinutes(10));
            assertTrue(pool.migrationDue(), "the oldest waits 10 minutes");
            pool.migrate(tape);
            assertFalse(pool.migrationDue());
            for (String n : List.of("b", "c", "d")) {
                pool.append(WAL, n, ByteBuffer.wrap(StagingFixtures.random(40_000, n.charAt(0))));
            }
            assertTrue(pool.migrationDue(), "120000 bytes wait, more than a batch");
            assertEquals(2, pool.migrate(tape).migrated().size(), "a batch stops before it passes 100000 bytes");
            assertEquals(1, pool.migrate(tape).migrated().size());
        }
    }

    @Test
    void quotaFreedByMigrationLetsAppendsContinue() throws Exception {
        try (VtlTape tape = new VtlTape(tmp.resolve("vtl"));
                DiskStagingPool pool = open(StagingPolicy.defaults().withMaxBytes(100_000).withKeep(0, 0))) {
            pool.append(WAL, "a", ByteBuffer.wrap(StagingFixtures.random(80_000, 1)));
            StagingException full = assertThrows(StagingException.class,
                    () -> pool.append(WAL, "b", ByteBuffer.wrap(StagingFixtures.random(80_000, 2))));
            assertEquals(StagingException.Reason.QUOTA_EXCEEDED, full.reason());
            pool.migrate(tape);
            assertEquals(0L, pool.usedBytes());
            pool.append(WAL, "b", ByteBuffer.wrap(StagingFixtures.random(80_000, 2)));
            assertArrayEquals(StagingFixtures.random(80_000, 1), StagingFixtures.readAll(pool.open(WAL, "a", tape)));
        }
    }

    @Test
    void appendsGoOnWhileMigrationsRunAndEverySegmentEndsUpReadable() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (VtlTape tape = new VtlTape(tmp.resolve("vtl"));
                DiskStagingPool pool = open(StagingPolicy.defaults().withBatch(200_000, Duration.ZERO)
                        .withKeep(2, 0))) {
            AtomicBoolean appending = new AtomicBoolean(true);
            List<Future<?>> writers = new ArrayList<>();
            for (StreamKey stream : List.of(WAL, OTHER)) {
                writers.add(threads.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        pool.append(stream, String.format("%024X", i), ByteBuffer.wrap(
                                StagingFixtures.random(20_000, i + stream.hashCode())));
                    }
                    return null;
                }));
            }
            Future<Integer> migrations = threads.submit(() -> {
                int n = 0;
                while (appending.get() || !pool.migrate(tape).isEmpty()) {
                    n += pool.migrate(tape).isEmpty() ? 0 : 1;
                }
                return n;
            });
            for (Future<?> w : writers) {
                w.get();
            }
            appending.set(false);
            assertTrue(migrations.get() >= 1, "migrations ran while appends went on");
            for (StreamKey stream : List.of(WAL, OTHER)) {
                List<Segment> all = pool.list(stream);
                assertEquals(40, all.size());
                for (Segment s : all) {
                    assertTrue(s.tape().isPresent(), s + " is on tape");
                    int i = Integer.parseInt(s.name(), 16);
                    assertArrayEquals(StagingFixtures.random(20_000, i + stream.hashCode()),
                            StagingFixtures.readAll(pool.open(stream, s.name(), tape)), s.toString());
                }
                assertEquals(2, all.stream().filter(Segment::onDisk).count(), "two stay on disk");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
