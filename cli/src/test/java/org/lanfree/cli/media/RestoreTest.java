package org.lanfree.cli.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lanfree.connect.session.BackupDownload;
import org.lanfree.connect.session.MediaSession;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;
import org.lanfree.media.server.ServerConfig;

/**
 * Restores through a real deployment: an agent asks for a backup on the well-known port and
 * gets its bytes back through the array, read from every cartridge it spans, in order; a damaged
 * block, a cartridge outside the library and an unknown backup each end in a clear error.
 * Cartridges are small (2 MiB, early warning at 1.5 MiB) so that a 5 MiB backup spans three.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreTest {

    private TestDeployment deployment;
    private ServerConfig config;
    private AgentSide agent;

    @BeforeAll
    void up() throws Exception {
        deployment = TestDeployment.up("restore", Map.of("drive.block-size", "64K", "cartridges.capacity", "2M",
                "cartridges.early-warning", "1536K", "cartridges.count", "12"));
        config = deployment.config();
        agent = AgentSide.attach(deployment);
    }

    @AfterAll
    void down() throws Exception {
        agent.close();
        deployment.close();
    }

    @Test
    void aBackupSpanningThreeCartridgesComesBackByteForByte() throws Exception {
        byte[] payload = random(5 << 20, 1);
        long id = store("spanning", payload);
        List<String> barcodes = deployment.query("SELECT barcode FROM v_tape_contents WHERE backup_id = " + id);
        assertTrue(barcodes.size() >= 3, "the backup spans several cartridges: " + barcodes);

        try (MediaSession session = open(); BackupDownload in = session.restore(id, Duration.ofMinutes(1))) {
            assertEquals(id, in.start().backupId());
            assertEquals("pg", in.start().kind());
            assertEquals("spanning", in.start().dataset());
            assertEquals(payload.length, in.start().bytes());
            assertArrayEquals(payload, in.readAllBytes());
        }
        assertEquals(List.of("done|spanning"), deployment.query("SELECT state || '|' || dataset FROM v_jobs"
                + " WHERE kind = 'restore' AND backup_id = " + id));
    }

    @Test
    void rangesOfABackupSpanningCartridgesReadBackExactlyWithoutReadingWhatComesBefore() throws Exception {
        byte[] payload = random(5 << 20, 21);
        long id = store("ranges", payload);
        Random random = new Random(8);
        long[][] ranges = {{0, 10}, {65_536 - 3, 7}, {1_500_000, 1_000_000}, {payload.length - 100, 1000},
                {payload.length, 10}, {random.nextInt(payload.length), 200_000}, {3 << 20, 2 << 20}};
        for (long[] r : ranges) {
            try (MediaSession session = open();
                 BackupDownload in = session.read(id, r[0], r[1], Duration.ofMinutes(1))) {
                int from = (int) r[0];
                int to = (int) Math.min(payload.length, r[0] + r[1]);
                assertEquals(to - from, in.start().bytes(), "announced length of " + r[0] + "+" + r[1]);
                assertArrayEquals(java.util.Arrays.copyOfRange(payload, from, to), in.readAllBytes(),
                        "bytes " + r[0] + "+" + r[1]);
            }
        }
        assertEquals(List.of(), deployment.query("SELECT job_id FROM v_jobs WHERE kind = 'restore' AND backup_id = "
                + id), "a ranged read is no restore job");
    }

    @Test
    void readersOfOneBackupAtOnceTakeTurnsForItsCartridgeAndAllGetTheirBytes() throws Exception {
        byte[] payload = random(1 << 20, 31);
        long id = store("turns", payload);
        // Six readers, each reading the whole backup five times: their reads of the one cartridge overlap.
        List<java.util.concurrent.CompletableFuture<Integer>> readers = new java.util.ArrayList<>();
        var threads = java.util.concurrent.Executors.newFixedThreadPool(6);
        for (int i = 0; i < 6; i++) {
            readers.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                int good = 0;
                for (int round = 0; round < 5; round++) {
                    try (MediaSession session = open(); BackupDownload in = session.read(id, 0, payload.length,
                            Duration.ofMinutes(1))) {
                        good += java.util.Arrays.equals(payload, in.readAllBytes()) ? 1 : 0;
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }
                return good;
            }, threads));
        }
        try {
            for (var reader : readers) {
                assertEquals(5, reader.get(), "every read of every reader got the backup's bytes");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aDamagedBlockStopsTheRestoreNamingBarcodeAndBlockAndNoDamagedByteIsReturned() throws Exception {
        byte[] payload = random(1 << 20, 2);
        long id = store("to-damage", payload);
        String last = deployment.query("SELECT barcode || '|' || bytes FROM v_tape_contents WHERE backup_id = " + id
                + " ORDER BY first_block DESC").get(0);
        String barcode = last.split("\\|")[0];
        long sectionBytes = Long.parseLong(last.split("\\|")[1]);
        // The newest tape file ends the cartridge's data file (blocks back to back, no filemark bytes):
        // half its payload back from the end is a payload byte of this backup.
        Path data = config.library().folder().resolve("cartridges").resolve(barcode).resolve("data");
        flipByte(data, java.nio.file.Files.size(data) - Math.max(1, sectionBytes / 2));

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        WireException e;
        try (MediaSession session = open()) {
            e = assertThrows(WireException.class, () -> {
                try (BackupDownload in = session.restore(id, Duration.ofMinutes(1))) {
                    in.transferTo(received);
                }
            });
        }
        assertEquals(ErrorCode.BAD_CRC, e.peerCode().orElseThrow(), e.getMessage());
        assertTrue(e.getMessage().contains(barcode) && e.getMessage().contains("block"), e.getMessage());
        assertTrue(received.size() < payload.length, "the stream stopped at the damaged block");
        byte[] got = received.toByteArray();
        byte[] prefix = java.util.Arrays.copyOf(payload, got.length);
        assertArrayEquals(prefix, got, "every byte that did come back is right");
        assertEquals(List.of("damaged"), deployment.query("SELECT status FROM v_backups WHERE backup_id = " + id));
    }

    @Test
    void aPostgresBackupsPlaceInTheWalIsRecordedWithItAndComesBackWithTheRestore() throws Exception {
        long id;
        try (MediaSession session = open()) {
            var out = session.store(new Message.StoreBackup("local", "pg", "walpos", "full", 0, "none"));
            out.write(random(100_000, 5));
            out.walPosition(new Message.WalPosition(0x3000028L, 0x3000100L, 2, "17.6"));
            id = out.finish(Duration.ofMinutes(1)).backupId();
        }
        assertEquals(List.of("50331688|50331904|2"), deployment.query("SELECT start_lsn || '|' || end_lsn || '|' ||"
                + " timeline FROM v_backups WHERE backup_id = " + id));
        try (MediaSession session = open(); BackupDownload in = session.restore(id, Duration.ofMinutes(1))) {
            assertArrayEquals(random(100_000, 5), in.readAllBytes(), "the position is no part of the payload");
        }
    }

    @Test
    void anUnknownBackupIsRefusedWithAHint() throws Exception {
        try (MediaSession session = open()) {
            WireException e = assertThrows(WireException.class, () -> session.restore(987654, Duration.ofSeconds(30)));
            assertEquals(ErrorCode.REFUSED, e.peerCode().orElseThrow(), e.getMessage());
            assertTrue(e.getMessage().contains("backup 987654 is not in the catalog"), e.getMessage());
            assertTrue(e.getMessage().contains("lanfree list backups"), e.getMessage());
        }
    }

    @Test
    void aBackupOnAnExportedCartridgeIsRefusedNamingTheCartridge() throws Exception {
        long id = store("exported", random(300_000, 3));
        String barcode = deployment.query("SELECT barcode FROM v_tape_contents WHERE backup_id = " + id).get(0);
        var unload = deployment.run("tape", "status", "--json");
        for (var d : unload.json().get("drives")) {
            if (barcode.equals(d.get("barcode").asText(null))) {
                var r = deployment.run("tape", "unload", "--drive", d.get("drive").asText());
                assertEquals(0, r.exitCode(), r.toString());
            }
        }
        var export = deployment.run("tape", "export", barcode, "--remove");
        assertEquals(0, export.exitCode(), export.toString());
        try {
            try (MediaSession session = open()) {
                WireException e = assertThrows(WireException.class, () -> session.restore(id, Duration.ofSeconds(30)));
                assertEquals(ErrorCode.REFUSED, e.peerCode().orElseThrow(), e.getMessage());
                assertTrue(e.getMessage().contains(barcode + ", which is not in the library"), e.getMessage());
                assertTrue(e.getMessage().contains("tape import"), e.getMessage());
            }
        } finally {
            var back = deployment.run("tape", "import", barcode);
            assertEquals(0, back.exitCode(), back.toString());
        }
        try (MediaSession session = open(); InputStream in = session.restore(id, Duration.ofMinutes(1))) {
            assertArrayEquals(random(300_000, 3), in.readAllBytes(), "imported again, it restores");
        }
    }

    private long store(String dataset, byte[] payload) throws Exception {
        return agent.store("pg", dataset, payload);
    }

    private MediaSession open() throws Exception {
        return agent.open();
    }

    private static void flipByte(Path data, long offset) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x40);
        }
    }

    private static byte[] random(int size, long seed) {
        return AgentSide.random(size, seed);
    }
}
