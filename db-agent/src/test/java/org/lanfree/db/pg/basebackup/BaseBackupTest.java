package org.lanfree.db.pg.basebackup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lanfree.db.pg.manifest.ManifestVerifier;
import org.lanfree.db.pg.testing.Clusters;
import org.lanfree.db.pg.testing.Command;
import org.lanfree.db.pg.wal.Lsn;
import org.lanfree.db.pg.wal.WalSegments;
import org.lanfree.db.pg.wire.PgServerException;
import org.lanfree.testkit.postgres.ClusterOptions;
import org.lanfree.testkit.postgres.PostgresCluster;
import org.lanfree.testkit.postgres.PostgresVersion;

/**
 * A base backup of a running cluster while a writer commits rows, unpacked with tar into a
 * new data directory and started with the same major's binaries: it must verify, reach
 * consistency on its own WAL, and hold exactly the rows committed before the backup's end.
 */
@ExtendWith(Clusters.Extension.class)
class BaseBackupTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V16", "V17", "V18"})
    void backupTakenDuringWritesRestoresToTheRowsCommittedBeforeItsEnd(PostgresVersion version, Clusters clusters)
            throws Exception {
        PostgresCluster pg = clusters.get(version);
        pg.execute("CREATE TABLE bulk_" + version.major() + " AS SELECT g AS id, md5(g::text) AS h FROM generate_series(1, 50000) g");
        Path tarFile = dir.resolve("base.tar");
        List<long[]> progress = new ArrayList<>();
        BaseBackupResult result;
        List<RowWriter.Commit> commits;
        try (RowWriter writer = new RowWriter(pg, "rows_" + version.major())) {
            writer.awaitCommits(20);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tarFile), 1 << 16)) {
                // 32 MB/s stretches the backup over about a second, so the writer commits during it
                result = new PgBaseBackup(Clusters.superuser(pg)).run(
                        BaseBackupOptions.labelled("test " + version).withMaxRate(32768), out,
                        (done, total) -> progress.add(new long[] {done, total}));
            }
            commits = writer.stop();
        }

        assertEquals(Files.size(tarFile), result.tarBytes());
        assertTrue(result.startLsn().isBefore(result.endLsn()), result.toString());
        assertTrue(commits.stream().anyMatch(c -> result.startLsn().isBefore(c.before()) && c.after().isBefore(result.endLsn())),
                "expected a commit inside the backup's WAL range " + result);
        long[] last = progress.get(progress.size() - 1);
        assertEquals(last[1], last[0], "progress ends with done == total");
        assertTrue(last[1] > 10_000_000, "total " + last[1]);

        Path data = dir.resolve("restored");
        Files.createDirectories(data);
        Command.run("tar", "-xf", tarFile.toString(), "-C", data.toString()).ok();
        WalSegments segments = new WalSegments(16 << 20);
        assertTrue(Files.isRegularFile(data.resolve("pg_wal").resolve(segments.fileName(result.timeline(), result.startLsn()))));
        assertTrue(Files.isRegularFile(data.resolve("backup_manifest")));
        assertTrue(Files.isRegularFile(data.resolve("global/pg_control")));
        assertEquals(List.of(), ManifestVerifier.verify(data));
        assertVerifierSeesDamage(data, segments.fileName(result.timeline(), result.startLsn()));
        if (pg.binaries().has("pg_verifybackup")) {
            String out = Command.run(pg.binaries().program("pg_verifybackup").toString(), data.toString()).ok().output();
            assertTrue(out.contains("backup successfully verified"), out);
        }

        try (PostgresCluster restored = PostgresCluster.startExisting(version, data, ClusterOptions.defaults());
             Connection c = restored.connect("postgres"); Statement s = c.createStatement()) {
            assertFalse(scalarBoolean(s, "SELECT pg_is_in_recovery()"));
            long rows = scalarLong(s, "SELECT count(*) FROM rows_" + version.major());
            long maxId = scalarLong(s, "SELECT coalesce(max(id), 0) FROM rows_" + version.major());
            long surely = commits.stream().filter(x -> !result.endLsn().isBefore(x.after())).count();
            long possibly = commits.stream().filter(x -> x.before().isBefore(result.endLsn())).count();
            assertEquals(rows, maxId, "the restored rows are ids 1.." + rows + " without a gap");
            assertTrue(rows >= surely && rows <= possibly, "restored " + rows + " rows; committed before the end "
                    + result.endLsn() + ": at least " + surely + ", at most " + possibly + " (of " + commits.size() + ")");
            assertEquals(50000, scalarLong(s, "SELECT count(*) FROM bulk_" + version.major()));
            s.execute("CREATE EXTENSION IF NOT EXISTS amcheck");
            assertEquals(0, scalarLong(s, "SELECT count(*) FROM verify_heapam('bulk_" + version.major() + "')"));
            assertEquals(0, scalarLong(s, "SELECT count(*) FROM verify_heapam('rows_" + version.major() + "')"));
            s.execute("SELECT bt_index_check('rows_" + version.major() + "_pkey', true)");
            assertEquals("on", scalarString(s, "SHOW data_checksums"));
        }
    }

    /**
     * While the backup runs, another session switches WAL segments and checkpoints again and
     * again, so the server recycles every segment nothing holds: the slot made before
     * BASE_BACKUP must keep the backup's WAL, which then spans many segments. The WAL follows
     * the data as it goes: segments land in the tar before the data's last member, and the slot
     * moves on during the backup, so the server need not keep all of it until the end.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V16", "V17", "V18"})
    void theSlotKeepsTheBackupsWalWhileCheckpointsRecycleSegments(PostgresVersion version, Clusters clusters)
            throws Exception {
        PostgresCluster pg = clusters.get(version);
        String table = "churn_" + version.major();
        pg.execute("CREATE TABLE " + table + " (id serial PRIMARY KEY, at timestamptz DEFAULT now())");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger switches = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch churned = new CountDownLatch(1);
        List<Lsn> committedAt = new CopyOnWriteArrayList<>(); // after each churn row's commit
        List<Lsn> slotRestart = new CopyOnWriteArrayList<>(); // the backup slot's restart_lsn as the churn saw it
        Thread churn = Thread.ofPlatform().name("wal-churn").start(() -> {
            try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
                started.await(60, TimeUnit.SECONDS);
                for (; switches.get() < 8; switches.incrementAndGet()) { // enough to recycle, few enough to be quick
                    s.execute("INSERT INTO " + table + " DEFAULT VALUES");
                    committedAt.add(Lsn.valueOf(scalarString(s, "SELECT pg_current_wal_insert_lsn()::text")));
                    s.execute("SELECT pg_switch_wal()");
                    s.execute("CHECKPOINT");
                }
                churned.countDown();
                while (!stop.get()) {
                    String restart = scalarString(s, "SELECT max(restart_lsn)::text FROM pg_replication_slots"
                            + " WHERE slot_name LIKE 'lanfree_bb_%'");
                    if (restart != null) {
                        slotRestart.add(Lsn.valueOf(restart));
                    }
                    Thread.sleep(20);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException("churn on " + pg + ": " + e.getMessage(), e);
            } finally {
                churned.countDown();
            }
        });
        Path tarFile = dir.resolve("churned.tar");
        BaseBackupResult result;
        // the sink holds the backup after 8 MB until the churn is done, so all of it falls inside the backup
        try (OutputStream out = new GatedOutputStream(new BufferedOutputStream(Files.newOutputStream(tarFile), 1 << 16),
                8 << 20, churned)) {
            result = new PgBaseBackup(Clusters.superuser(pg)).run(BaseBackupOptions.labelled("churn").withMaxRate(32768),
                    out, (done, total) -> started.countDown());
        } finally {
            stop.set(true);
            churn.join(30_000);
        }
        assertTrue(result.walSegments() >= 4, "the WAL range should span several segments: " + result
                + " after " + switches.get() + " switches");

        List<String> members = List.of(Command.run("tar", "-tf", tarFile.toString()).ok().output().split("\n"));
        int firstWal = members.indexOf(members.stream().filter(m -> m.startsWith("pg_wal/0")).findFirst().orElseThrow());
        assertTrue(firstWal < members.indexOf("global/pg_control"), "WAL went into the tar beside the data: " + members);
        assertTrue(slotRestart.stream().anyMatch(lsn -> new WalSegments(16 << 20).segmentNumber(lsn)
                > new WalSegments(16 << 20).segmentNumber(result.startLsn())),
                "the slot released WAL during the backup: " + slotRestart + " from " + result.startLsn());

        Path data = dir.resolve("churned");
        Files.createDirectories(data);
        Command.run("tar", "-xf", tarFile.toString(), "-C", data.toString()).ok();
        assertEquals(List.of(), ManifestVerifier.verify(data));
        try (PostgresCluster restored = PostgresCluster.startExisting(version, data, ClusterOptions.defaults());
             Connection c = restored.connect("postgres"); Statement s = c.createStatement()) {
            assertFalse(scalarBoolean(s, "SELECT pg_is_in_recovery()"));
            long surely = committedAt.stream().filter(at -> !result.endLsn().isBefore(at)).count();
            long rows = scalarLong(s, "SELECT count(*) FROM " + table);
            assertTrue(rows >= surely && rows <= committedAt.size(), "restored " + rows + " churn rows; at least "
                    + surely + " committed before " + result.endLsn() + ", " + committedAt.size() + " in all");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V15", "V18"})
    void aFileTheServerCannotReadFailsTheBackupWithItsErrorAndDropsTheSlot(PostgresVersion version, Clusters clusters)
            throws Exception {
        PostgresCluster pg = clusters.get(version);
        Path unreadable = pg.dataDir().resolve("lanfree_unreadable");
        Files.write(unreadable, new byte[] {1}); // owned by root, mode 000: the server's OS user cannot open it
        Files.setPosixFilePermissions(unreadable, Set.of());
        try {
            PgServerException e = assertThrows(PgServerException.class, () -> new PgBaseBackup(Clusters.superuser(pg))
                    .run(BaseBackupOptions.labelled("unreadable"), OutputStream.nullOutputStream(), BackupProgress.NONE));
            assertEquals("42501", e.sqlState(), e.getMessage());
            assertTrue(e.getMessage().contains("lanfree_unreadable"), e.getMessage());
            assertTrue(e.getMessage().contains("HINT: the server's OS user cannot read that file"), e.getMessage());
        } finally {
            Files.delete(unreadable);
        }
        Clusters.awaitNoWalSenders(pg);
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            assertEquals(0, scalarLong(s, "SELECT count(*) FROM pg_replication_slots"), "the temporary slot is gone");
            assertFalse(scalarBoolean(s, "SELECT count(*) > 0 FROM pg_stat_progress_basebackup"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PostgresVersion.class, names = {"V17"})
    void aSinkThatFailsMidwayEndsTheBackupOnTheServerToo(PostgresVersion version, Clusters clusters) throws Exception {
        PostgresCluster pg = clusters.get(version);
        OutputStream failing = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 5_000_000) {
                    throw new IOException("media server went away");
                }
            }
        };
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new PgBaseBackup(
                Clusters.superuser(pg)).run(BaseBackupOptions.labelled("cut"), failing, BackupProgress.NONE));
        assertTrue(e.getMessage().contains("media server went away"), e.getMessage());
        Clusters.awaitNoWalSenders(pg);
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            assertEquals(0, scalarLong(s, "SELECT count(*) FROM pg_replication_slots"), "the temporary slot is gone");
            assertFalse(scalarBoolean(s, "SELECT count(*) > 0 FROM pg_stat_progress_basebackup"), "no backup runs on");
        }
    }

    /** Passes bytes through, but the write that crosses {@code gate} bytes first waits for {@code open}. */
    private static final class GatedOutputStream extends FilterOutputStream {

        private final long gate;
        private final CountDownLatch open;
        private long written;

        GatedOutputStream(OutputStream out, long gate, CountDownLatch open) {
            super(out);
            this.gate = gate;
            this.open = open;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written < gate && written + len >= gate) {
                try {
                    if (!open.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("the gate stayed closed for 60 s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted at the gate", e);
                }
            }
            written += len;
            out.write(b, off, len);
        }
    }

    /** Each kind of damage, made and undone in turn, is reported naming the file. */
    private static void assertVerifierSeesDamage(Path data, String walSegment) throws Exception {
        Path version = data.resolve("PG_VERSION");
        byte[] original = Files.readAllBytes(version);
        byte[] flipped = original.clone();
        flipped[0] ^= 1;
        Files.write(version, flipped);
        assertProblem(data, "\"PG_VERSION\" has CRC32C");
        Files.write(version, Arrays.copyOf(original, original.length + 1));
        assertProblem(data, "\"PG_VERSION\" has size " + (original.length + 1) + " on disk but size " + original.length);
        Files.write(version, original);

        Path extra = data.resolve("base/stray");
        Files.write(extra, new byte[] {1});
        assertProblem(data, "\"base/stray\" is on disk but not in the manifest");
        Files.delete(extra);

        Path wal = data.resolve("pg_wal").resolve(walSegment);
        Path aside = data.resolveSibling(walSegment);
        Files.move(wal, aside);
        assertProblem(data, "pg_wal holds no WAL segment");
        Files.move(aside, wal);
        try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            ByteBuffer addr = ByteBuffer.allocate(8);
            ch.read(addr, 8192 + 8); // xlp_pageaddr of the second page
            ch.write(ByteBuffer.allocate(8), 8192 + 8);
            assertProblem(data, "pg_wal/" + walSegment + ": the page at 0/");
            ch.write(addr.flip(), 8192 + 8);
        }
        assertEquals(List.of(), ManifestVerifier.verify(data), "undamaged again");
    }

    private static void assertProblem(Path data, String expected) {
        List<String> problems = ManifestVerifier.verify(data);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected a problem containing " + expected
                + ", got " + problems);
    }

    private static long scalarLong(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean scalarBoolean(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static String scalarString(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
