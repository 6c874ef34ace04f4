package org.lanfree.media.vtl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk format: data back to back, 32-byte index records, a readable meta file. */
class FileCartridgeTest {

    private static final int BLOCK = 4096;

    @TempDir
    Path tmp;

    @Test
    void dataFileHoldsTheBlocksBackToBackAndNothingElse() throws IOException {
        Drive drive = Fixtures.labelledDrive(tmp, BLOCK, 1 << 20, 1 << 19);
        drive.write(Fixtures.block(BLOCK, 1));
        drive.write(Fixtures.block(7, 2));
        drive.writeFilemarks(1);
        drive.write(Fixtures.block(BLOCK, 3));
        drive.writeFilemarks(1);
        drive.unload().close();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(VolumeLabel.of(Fixtures.LF0001).encode().array());
        expected.writeBytes(Fixtures.random(BLOCK, 1));
        expected.writeBytes(Fixtures.random(7, 2));
        expected.writeBytes(Fixtures.random(BLOCK, 3));
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(tmp.resolve("LF0001L8/data")));
    }

    @Test
    void indexHoldsOneThirtyTwoByteRecordPerBlockOrFilemark() throws IOException {
        Drive drive = Fixtures.labelledDrive(tmp, BLOCK, 1 << 20, 1 << 19);
        drive.write(Fixtures.block(BLOCK, 1));
        drive.write(Fixtures.block(7, 2));
        drive.writeFilemarks(1);
        drive.unload().close();

        ByteBuffer index = ByteBuffer.wrap(Files.readAllBytes(tmp.resolve("LF0001L8/index")));
        assertEquals(5 * 32, index.remaining(), "label, filemark, two blocks, filemark");
        List<String> kinds = List.of("L", "F", "D", "D", "F");
        long[] offsets = {0, 80, 80, 80 + BLOCK, 80 + BLOCK + 7};
        int[] sizes = {80, 0, BLOCK, 7, 0};
        String[] addresses = {"0:0", "0:1", "1:0", "1:1", "1:2"};
        for (int n = 0; n < 5; n++) {
            int at = n * 32;
            assertEquals(kinds.get(n), String.valueOf((char) index.get(at)), "kind of record " + n);
            assertEquals(sizes[n], index.getInt(at + 4), "size of record " + n);
            assertEquals(offsets[n], index.getLong(at + 8), "offset of record " + n);
            assertEquals(addresses[n], index.getInt(at + 20) + ":" + index.getInt(at + 24));
            CRC32C check = new CRC32C();
            check.update(index.array(), at, 28);
            assertEquals((int) check.getValue(), index.getInt(at + 28), "check of record " + n);
        }
        CRC32C block = new CRC32C();
        block.update(Fixtures.random(7, 2));
        assertEquals((int) block.getValue(), index.getInt(3 * 32 + 16), "CRC32C of the 7-byte block");
    }

    @Test
    void metaFileNamesTheFactsAndWhereEachTapeFileLies() throws IOException {
        Drive drive = Fixtures.labelledDrive(tmp, BLOCK, 1 << 20, 1 << 19);
        drive.write(Fixtures.block(BLOCK, 1));
        drive.write(Fixtures.block(7, 2));
        drive.writeFilemarks(1);
        drive.unload().close();

        Map<String, String> meta = KeyValues.read(tmp.resolve("LF0001L8/meta"));
        assertEquals("LF0001L8", meta.get("barcode"));
        assertEquals("scratch", meta.get("pool"));
        assertEquals("VOL1LF0001", meta.get("label"));
        assertEquals("1048576", meta.get("capacity"));
        assertEquals("524288", meta.get("early-warning"));
        assertEquals("false", meta.get("write-protect"));
        assertEquals("1 4", meta.get("filemarks"));
        assertEquals("5", meta.get("end-of-data.record"));
        assertEquals(String.valueOf(80 + BLOCK + 7), meta.get("end-of-data.offset"));
        assertEquals("2", meta.get("file.1.first-record"));
        assertEquals("2", meta.get("file.1.blocks"));
        assertEquals("80", meta.get("file.1.offset"));
        assertEquals(String.valueOf(BLOCK + 7), meta.get("file.1.bytes"));
    }

    @Test
    void reopenedCartridgeReadsTheSameBlocksAndFacts() throws IOException {
        Path dir = tmp.resolve("LF0001L8");
        Drive drive = Fixtures.labelledDrive(tmp, BLOCK, 1 << 20, 1 << 19);
        drive.write(Fixtures.block(1000, 5));
        drive.writeFilemarks(1);
        drive.unload().close();

        try (FileCartridge again = FileCartridge.open(dir)) {
            again.setPool("daily");
            drive.load(again);
            drive.locateFile(1);
            ByteBuffer buf = ByteBuffer.allocate(BLOCK);
            assertEquals(1000, drive.read(buf));
            assertArrayEquals(Fixtures.random(1000, 5), Arrays.copyOf(buf.array(), 1000));
            CartridgeInfo info = drive.cartridgeInfo();
            assertEquals("daily", info.pool());
            assertEquals("VOL1LF0001", info.label());
            assertEquals(1, info.tapeFiles());
            drive.unload();
        }
    }

    @Test
    void writeProtectedCartridgeRefusesWritesAndChangesNothing() throws IOException {
        Drive drive = Fixtures.labelledDrive(tmp, BLOCK, 1 << 20, 1 << 19);
        drive.write(Fixtures.block(BLOCK, 1));
        drive.writeFilemarks(1);
        FileCartridge c = drive.unload();
        c.setWriteProtected(true);
        drive.load(c);
        drive.locateFile(1);
        Map<String, byte[]> before = Fixtures.files(tmp);

        TapeException write = assertThrows(TapeException.class, () -> drive.write(Fixtures.block(10, 1)));
        TapeException mark = assertThrows(TapeException.class, () -> drive.writeFilemarks(1));
        TapeException erase = assertThrows(TapeException.class, c::erase);

        assertEquals(TapeException.Sense.DATA_PROTECT, write.sense());
        assertEquals("cartridge LF0001L8 is write-protected: cannot write; HINT: clear write protect first if the"
                + " data on it may be overwritten", write.getMessage());
        assertTrue(mark.getMessage().contains("cannot write filemarks"), mark.getMessage());
        assertTrue(erase.getMessage().contains("cannot erase"), erase.getMessage());
        assertEquals(BlockAddress.of(1, 0), drive.position());
        assertFilesEqual(before, Fixtures.files(tmp));
        drive.unload().close();
    }

    @Test
    void fullCartridgeRefusesTheBlockThatWouldPassItsCapacityAndChangesNothing() throws IOException {
        long capacity = 80 + 3L * BLOCK + 100;
        Drive drive = Fixtures.labelledDrive(tmp, BLOCK, capacity, capacity - BLOCK);
        for (int i = 0; i < 3; i++) {
            drive.write(Fixtures.block(BLOCK, i));
        }
        drive.writeFilemarks(0);
        Map<String, byte[]> before = Fixtures.files(tmp);

        CartridgeFullException e = assertThrows(CartridgeFullException.class,
                () -> drive.write(Fixtures.block(BLOCK, 9)));

        assertEquals(TapeException.Sense.VOLUME_OVERFLOW, e.sense());
        assertTrue(e.getMessage().startsWith("cartridge LF0001L8 is full: " + (80 + 3 * BLOCK) + " bytes used, a"
                + " block of 4096 bytes would pass its capacity of " + capacity + " bytes. HINT: "), e.getMessage());
        assertEquals(BlockAddress.of(1, 3), drive.position());
        assertFilesEqual(before, Fixtures.files(tmp));
        drive.write(Fixtures.block(100, 9));
        drive.writeFilemarks(1);
        assertEquals(capacity, drive.cartridgeInfo().usedBytes(), "the last 100 bytes still fit");
        drive.unload().close();
    }

    @Test
    void openingAFolderWithoutMetaSaysItIsNoCartridge() throws IOException {
        Files.createDirectories(tmp.resolve("stray"));
        TapeException e = assertThrows(TapeException.class, () -> FileCartridge.open(tmp.resolve("stray")));
        assertTrue(e.getMessage().contains("has no meta file; expected data, index and meta"), e.getMessage());
    }

    static void assertFilesEqual(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name + " changed"));
    }
}
