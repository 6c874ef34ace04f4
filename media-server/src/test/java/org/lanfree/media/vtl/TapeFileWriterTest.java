package org.lanfree.media.vtl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TapeFileWriterTest {

    private static final int BLOCK = 4096;

    @TempDir
    Path tmp;

    private static List<Section> writeBackup(Drive drive, String id, byte[] payload) throws IOException {
        try (TapeFileWriter w = TapeFileWriter.start(drive, Fixtures.backup(id, "none"), (full, s) -> null)) {
            w.write(payload, 0, payload.length / 3);
            w.write(ByteBuffer.wrap(payload, payload.length / 3, payload.length - payload.length / 3));
            return w.finish();
        }
    }

    @Test
    void tapeFileIsAHeaderInWholeBlocksThenThePayloadWithAShortLastBlockThenAFilemark() throws IOException {
        Drive drive = Fixtures.labelledDrive(tmp, BLOCK, 1 << 20, 1 << 19);
        byte[] payload = Fixtures.random(2 * BLOCK + 1808, 7);

        List<Section> sections = writeBackup(drive, "b42", payload);

        assertEquals(List.of(new Section("b42", 1, Fixtures.LF0001, 1, 1, 3, payload.length, 80 + BLOCK)), sections);
        drive.locateFile(1);
        List<Integer> sizes = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        for (int n = drive.read(buf); n > 0; n = drive.read(buf.clear())) {
            sizes.add(n);
        }
        assertEquals(List.of(BLOCK, BLOCK, BLOCK, 1808), sizes, "header block, two full blocks, the short last one");
        assertEquals(BlockAddress.of(2, 0), drive.position(), "a filemark closed the tape file");
        drive.unload().close();

        byte[] data = Files.readAllBytes(tmp.resolve("LF0001L8/data"));
        String header = new String(data, 80, BLOCK, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("LANFREE TAPE FILE HEADER\nversion: 1\nbackup-id: b42\nclient: fileserver1\n"
                + "kind: fs\nlevel: full\ncreated: 2025-06-01T12:00:00Z\ncompression: none\nblock-size: 4096\n"
                + "section: 1\ncontinues-from: none\ncartridge: LF0001L8\ntape-file: 1\nheader-blocks: 1\n"
                + "header-bytes: 4096\npayload-offset: 4176\nend-of-header\n"), header);
        assertTrue(header.endsWith("\n\n\n\n") && header.strip().endsWith("in the library folder."),
                "padded with newlines to the whole block");
        assertArrayEquals(payload, Arrays.copyOfRange(data, 80 + BLOCK, data.length), "payload untouched");
    }

    @Test
    void headerLongerThanABlockFillsSeveralWholeBlocksAndReadsBack() throws IOException {
        int small = 1024;
        Drive drive = Fixtures.labelledDrive(tmp, small, 1 << 20, 1 << 19);
        BackupInfo backup = new BackupInfo("b7", "host-" + "x".repeat(2500), "fs", "full", Fixtures.CREATED, "none");
        byte[] payload = Fixtures.random(3000, 7);
        List<Section> sections;
        try (TapeFileWriter w = TapeFileWriter.start(drive, backup, (full, s) -> null)) {
            w.write(payload);
            sections = w.finish();
        }

        Section s = sections.getFirst();
        drive.locateFile(1);
        TapeFileHeader header = TapeFileReader.readHeader(drive);
        assertEquals(backup, header.backup());
        assertEquals((header.text().length() + small - 1) / small, header.headerBlocks());
        assertTrue(header.headerBlocks() > 2, "the client's name alone takes more than two blocks");
        assertEquals(header.headerBlocks(), s.firstBlock(), "the payload starts after the header's blocks");
        assertEquals(80 + header.headerBytes(), s.payloadOffset());
        assertEquals(BlockAddress.of(1, s.firstBlock()), drive.position(), "the reader stands on the payload");
        assertArrayEquals(payload, Fixtures.readAll(new TapeFileReader(sections, x -> drive)));
        drive.unload().close();
    }

    @Test
    void payloadOfWholeBlocksEndsWithAFullBlock() throws IOException {
        Drive drive = Fixtures.labelledDrive(tmp, BLOCK, 1 << 20, 1 << 19);
        List<Section> sections = writeBackup(drive, "b1", Fixtures.random(2 * BLOCK, 1));
        assertEquals(1, sections.getFirst().firstBlock());
        assertEquals(2, sections.getFirst().lastBlock());
        assertEquals(2, sections.getFirst().payloadBlocks());
        drive.unload().close();
    }

    @Test
    void backupsAreReadBackAndEachHeaderNamesItsBackup() throws IOException {
        Drive drive = Fixtures.labelledDrive(tmp, BLOCK, 1 << 20, 1 << 19);
        byte[] first = Fixtures.random(10_000, 1);
        byte[] second = Fixtures.random(5, 2);
        List<Section> a = writeBackup(drive, "a", first);
        List<Section> b = writeBackup(drive, "b", second);
        assertEquals(2, b.getFirst().fileNumber());

        assertArrayEquals(second, Fixtures.readAll(new TapeFileReader(b, s -> drive)));
        assertArrayEquals(first, Fixtures.readAll(new TapeFileReader(a, s -> drive)));
        drive.locateFile(2);
        TapeFileHeader header = TapeFileReader.readHeader(drive);
        assertEquals("b", header.backup().backupId());
        assertEquals(Fixtures.CREATED, header.backup().created());

        Section wrong = new Section("a", 1, Fixtures.LF0001, 2, 1, 1, 5, 0);
        TapeException e = assertThrows(TapeException.class,
                () -> Fixtures.readAll(new TapeFileReader(List.of(wrong), s -> drive)));
        assertTrue(e.getMessage().contains("tape file 2 holds backup b section 1, expected backup a section 1"),
                e.getMessage());
        drive.unload().close();
    }

    @Test
    void damagedPayloadBlockFailsTheRestoreNamingBarcodeAndBlock() throws IOException {
        Drive drive = Fixtures.labelledDrive(tmp, BLOCK, 1 << 20, 1 << 19);
        byte[] payload = Fixtures.random(3 * BLOCK, 3);
        List<Section> sections = writeBackup(drive, "b1", payload);
        try (FileChannel data = FileChannel.open(tmp.resolve("LF0001L8/data"), StandardOpenOption.WRITE)) {
            data.write(ByteBuffer.wrap(new byte[] {(byte) ~payload[2 * BLOCK + 5]}), 80 + BLOCK + 2 * BLOCK + 5);
        }
        TapeFileReader reader = new TapeFileReader(sections, s -> drive);
        byte[] good = reader.readNBytes(2 * BLOCK);

        DamagedBlockException e = assertThrows(DamagedBlockException.class, () -> reader.readNBytes(BLOCK));

        assertArrayEquals(Arrays.copyOf(payload, 2 * BLOCK), good, "the blocks before it read");
        assertEquals(Fixtures.LF0001, e.barcode());
        assertEquals(BlockAddress.of(1, 3), e.address(), "header is block 0, the third payload block is 3");
        drive.unload().close();
    }

    @Test
    void abandonedTapeFileIsWrittenOverByTheNextBackup() throws IOException {
        Drive drive = Fixtures.labelledDrive(tmp, BLOCK, 1 << 20, 1 << 19);
        byte[] kept = Fixtures.random(5000, 1);
        writeBackup(drive, "kept", kept);
        try (TapeFileWriter dying = TapeFileWriter.start(drive, Fixtures.backup("dying", "none"), (f, s) -> null)) {
            dying.write(Fixtures.random(3 * BLOCK, 2));
        }
        byte[] next = Fixtures.random(100, 3);
        List<Section> sections = writeBackup(drive, "next", next);

        assertEquals(2, sections.getFirst().fileNumber(), "the abandoned file 2 is gone");
        assertArrayEquals(next, Fixtures.readAll(new TapeFileReader(sections, s -> drive)));
        assertEquals(2, drive.cartridgeInfo().tapeFiles());
        drive.unload().close();
    }

    @Test
    void anAbandonedTapeFileIsErasedAtOnceSoItsDiskSpaceIsFree() throws IOException {
        Drive drive = Fixtures.labelledDrive(tmp, BLOCK, 1 << 20, 1 << 19);
        writeBackup(drive, "kept", Fixtures.random(5000, 1));
        long records = drive.record();
        java.nio.file.Path data = tmp.resolve(Fixtures.LF0001.toString()).resolve(FileCartridge.DATA);
        long keptBytes = java.nio.file.Files.size(data);
        try (TapeFileWriter dying = TapeFileWriter.start(drive, Fixtures.backup("dying", "none"), (f, s) -> null)) {
            dying.write(Fixtures.random(3 * BLOCK, 2));
            assertTrue(java.nio.file.Files.size(data) > keptBytes, "the dying tape file's blocks were on disk");
        }
        assertEquals(keptBytes, java.nio.file.Files.size(data), "the data file is back to the last complete tape file");
        drive.locateEndOfData();
        assertEquals(records, drive.record(), "end-of-data is where the abandoned tape file began");
        assertEquals(1, drive.cartridgeInfo().tapeFiles(), "only the kept tape file");
        drive.unload().close();
    }

    @Test
    void writerRefusesAnUnlabelledCartridge() throws IOException {
        FileCartridge blank = FileCartridge.create(tmp.resolve("LF0005L8"), Barcode.valueOf("LF0005L8"), "scratch",
                1 << 20, 1 << 19);
        Drive drive = new Drive(0, BLOCK);
        drive.load(blank);
        TapeException e = assertThrows(TapeException.class,
                () -> TapeFileWriter.start(drive, Fixtures.backup("b", "none"), (f, s) -> null));
        assertTrue(e.getMessage().contains("cartridge LF0005L8 has no volume label"), e.getMessage());
        drive.unload().close();
    }

    @Test
    void backupReachingEarlyWarningContinuesOnTheNextScratchCartridge() throws IOException {
        int block = 16 * 1024;
        LibraryConfig config = Fixtures.smallLibrary(tmp.resolve("vtl"), 8, 6, block, 256 * 1024, 192 * 1024);
        try (TapeLibrary library = TapeLibrary.open(config)) {
            byte[] payload = Fixtures.random(700 * 1024 + 123, 11);
            Drive first = library.load(library.takeScratch("daily"), 0);
            List<Barcode> asked = new ArrayList<>();
            List<Section> sections;
            try (TapeFileWriter w = TapeFileWriter.start(first, Fixtures.backup("big", "none"), (full, section) -> {
                asked.add(full);
                library.unload(0);
                return library.load(library.takeScratch("daily"), 0);
            })) {
                w.write(payload);
                sections = w.finish();
            }

            assertTrue(sections.size() >= 4, "700 KiB over cartridges that warn at 192 KiB: " + sections);
            assertEquals(sections.size() - 1, asked.size());
            assertEquals(sections.size(), new HashSet<>(sections.stream().map(Section::barcode).toList()).size());
            long total = 0;
            for (int i = 0; i < sections.size(); i++) {
                Section s = sections.get(i);
                assertEquals(i + 1, s.number());
                assertEquals(1, s.fileNumber());
                assertEquals("daily", library.cartridge(s.barcode()).pool());
                total += s.payloadBytes();
                if (i < sections.size() - 1) {
                    assertEquals(0, s.payloadBytes() % block, "only the last section ends in a short block");
                }
            }
            assertEquals(payload.length, total);
            library.unload(0);
            Section second = sections.get(1);
            library.load(second.barcode(), 1).locateFile(1);
            TapeFileHeader continuation = TapeFileReader.readHeader(library.drive(1));
            assertEquals(2, continuation.section());
            assertEquals("big", continuation.backup().backupId());
            assertEquals(sections.getFirst().barcode() + " file 1", continuation.continuesFrom());
            library.unload(1);

            byte[] back = Fixtures.readAll(new TapeFileReader(sections, s -> {
                library.drive(1).loaded().ifPresent(b -> unload(library, 1));
                return library.load(s.barcode(), 1);
            }));
            assertArrayEquals(payload, back);
            assertNotEquals(0, library.cartridge(sections.getLast().barcode()).usedBytes());
        }
    }

    private static void unload(TapeLibrary library, int drive) {
        try {
            library.unload(drive);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
