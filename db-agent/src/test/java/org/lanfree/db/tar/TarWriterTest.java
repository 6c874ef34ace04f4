package org.lanfree.db.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.db.pg.testing.Command;

/** Our tar stream, with another tool's archive spliced into it, read back by GNU tar. */
class TarWriterTest {

    @TempDir
    Path dir;

    @Test
    void splicedArchiveAndOwnMembersExtractWithGnuTar() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("base/1"));
        Files.write(src.resolve("base/1/empty"), new byte[0]);
        Files.write(src.resolve("base/1/one"), new byte[] {7});
        Files.write(src.resolve("base/1/block"), filled(512, 3));
        Files.write(src.resolve("base/1/" + "n".repeat(120)), filled(1000, 5)); // a GNU long-name member
        Path foreign = dir.resolve("foreign.tar");
        Command.run("tar", "-cf", foreign.toString(), "-C", src.toString(), "base").ok();

        Path out = dir.resolve("out.tar");
        long written;
        try (OutputStream os = Files.newOutputStream(out)) {
            TarWriter tar = new TarWriter(os);
            ArchiveSplicer splicer = new ArchiveSplicer(tar, "foreign.tar");
            byte[] bytes = Files.readAllBytes(foreign);
            for (int off = 0; off < bytes.length; off += 7) { // pieces that straddle every block boundary
                splicer.accept(bytes, off, Math.min(7, bytes.length - off));
            }
            assertEquals(6, splicer.finish(), "members: base/, base/1/ and four files");
            tar.addMember("backup_manifest", "{}\n".getBytes(StandardCharsets.UTF_8), 1_700_000_000L);
            tar.beginMember("pg_wal/000000010000000000000002", 2000, 1_700_000_000L);
            tar.write(filled(600, 9), 0, 600);
            tar.endMember(); // the rest is zeros
            tar.finish();
            written = tar.bytesWritten();
        }
        assertEquals(Files.size(out), written);

        Path x = dir.resolve("x");
        Files.createDirectories(x);
        Command.run("tar", "-xf", out.toString(), "-C", x.toString()).ok();
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(x.resolve("base/1/one")));
        assertArrayEquals(filled(512, 3), Files.readAllBytes(x.resolve("base/1/block")));
        assertArrayEquals(filled(1000, 5), Files.readAllBytes(x.resolve("base/1/" + "n".repeat(120))));
        assertEquals(0, Files.size(x.resolve("base/1/empty")));
        assertEquals("{}\n", Files.readString(x.resolve("backup_manifest")));
        byte[] wal = Files.readAllBytes(x.resolve("pg_wal/000000010000000000000002"));
        assertEquals(2000, wal.length);
        assertArrayEquals(filled(600, 9), Arrays.copyOf(wal, 600));
        assertTrue(allZero(Arrays.copyOfRange(wal, 600, 2000)));
    }

    @Test
    void anArchiveCutInsideAMemberIsRefused() throws Exception {
        TarWriter tar = new TarWriter(new ByteArrayOutputStream());
        ArchiveSplicer splicer = new ArchiveSplicer(tar, "base.tar");
        byte[] header = TarHeader.regularFile("global/pg_control", 8192, 0600, 0);
        splicer.accept(header, 0, header.length);
        splicer.accept(new byte[100], 0, 100);
        IllegalStateException e = assertThrows(IllegalStateException.class, splicer::finish);
        assertTrue(e.getMessage().contains("base.tar ends inside a member"), e.getMessage());
    }

    @Test
    void aMemberCannotTakeMoreThanItsDeclaredSize() {
        TarWriter tar = new TarWriter(new ByteArrayOutputStream());
        tar.beginMember("f", 4, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tar.write(new byte[5], 0, 5));
        assertTrue(e.getMessage().contains("declared with 4 bytes, but 5"), e.getMessage());
        assertThrows(IllegalStateException.class, tar::finish, "an open member cannot be left");
    }

    @Test
    void headersRoundTripTheirSize() {
        byte[] h = TarHeader.regularFile("a", (1L << 30) + 3, 0600, 0);
        assertEquals((1L << 30) + 3, TarHeader.size(h, 0));
        assertEquals("a", TarHeader.name(h, 0));
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (value + i);
        }
        return b;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
