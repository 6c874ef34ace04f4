package org.lanfree.media.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tar writer's archives as GNU tar lists and extracts them, long names included. */
class TarWriterTest {

    private static final Instant MTIME = Instant.parse("2025-06-01T12:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void gnuTarListsAndExtractsShortLongAndEmptyMembersWithTheirBytes() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("pg-main/wal/000000010000000000000001", StagingFixtures.random(70_000, 1));
        members.put("pg-main/wal/empty", new byte[0]);
        String longName = "client-" + "x".repeat(90) + "/wal/" + "0".repeat(24) + ".partial";
        assertTrue(longName.length() > 100);
        members.put(longName, StagingFixtures.random(512, 2));
        members.put("a/b", StagingFixtures.random(511, 3));

        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        TarWriter tar = new TarWriter(archive);
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (var m : members.entrySet()) {
            offsets.put(m.getKey(), tar.begin(m.getKey(), m.getValue().length, MTIME));
            if (m.getValue().length > 0) {
                tar.write(m.getValue(), 0, m.getValue().length);
            }
        }
        tar.finish();
        byte[] bytes = archive.toByteArray();
        assertEquals(0, bytes.length % TarWriter.BLOCK, "an archive is whole 512-byte blocks");
        assertEquals(tar.position(), bytes.length);
        for (var m : members.entrySet()) {
            long off = offsets.get(m.getKey());
            assertArrayEquals(m.getValue(), Arrays.copyOfRange(bytes, (int) off, (int) off + m.getValue().length),
                    "member " + m.getKey() + " at its recorded offset");
        }

        Path file = tmp.resolve("a.tar");
        Files.write(file, bytes);
        String listing = StagingFixtures.run(tmp, "tar", "-tvf", file.toString());
        for (String name : members.keySet()) {
            assertTrue(listing.lines().anyMatch(l -> l.endsWith(" " + name)), "tar -tvf lists " + name + ":\n"
                    + listing);
        }
        assertTrue(listing.lines().anyMatch(l -> l.matches("-rw-r--r-- root/root +70000 2025-06-01 12:00 "
                + "pg-main/wal/000000010000000000000001")), listing);
        Path out = Files.createDirectories(tmp.resolve("out"));
        StagingFixtures.run(tmp, "tar", "-xf", file.toString(), "-C", out.toString());
        for (var m : members.entrySet()) {
            assertArrayEquals(m.getValue(), Files.readAllBytes(out.resolve(m.getKey())), m.getKey());
        }
    }

    @Test
    void paxRecordLengthCountsItsOwnDigits() {
        assertEquals("8 a=bcd\n", TarWriter.paxRecord("a", "bcd"));
        String r = TarWriter.paxRecord("path", "p".repeat(93));
        assertEquals(r.length(), Integer.parseInt(r.substring(0, r.indexOf(' '))), r);
        r = TarWriter.paxRecord("path", "p".repeat(94));
        assertEquals(r.length(), Integer.parseInt(r.substring(0, r.indexOf(' '))), r);
    }

    @Test
    void memberGivenMoreBytesThanItsSizeIsRefused() throws IOException {
        TarWriter tar = new TarWriter(new ByteArrayOutputStream());
        tar.begin("s/a", 3, MTIME);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> tar.write(new byte[4], 0, 4));
        assertTrue(e.getMessage().contains("takes 3 more bytes, got 4"), e.getMessage());
    }
}
