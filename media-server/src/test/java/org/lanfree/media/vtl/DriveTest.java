package org.lanfree.media.vtl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriveTest {

    private static final int BLOCK = 4096;

    @TempDir
    Path tmp;

    private Drive drive;

    @BeforeEach
    void loadLabelledCartridge() throws IOException {
        drive = Fixtures.labelledDrive(tmp, BLOCK, 64 * BLOCK, 48 * BLOCK);
    }

    @AfterEach
    void closeCartridge() throws IOException {
        if (drive.loaded().isPresent()) {
            drive.unload().close();
        }
    }

    /** Writes tape files of {@code blocks} full blocks each, seeded by file and block. */
    private void writeFiles(int files, int blocks) throws IOException {
        for (int f = 1; f <= files; f++) {
            for (int b = 0; b < blocks; b++) {
                drive.write(Fixtures.block(BLOCK, f * 100L + b));
            }
            drive.writeFilemarks(1);
        }
    }

    private byte[] readBlock() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        int n = drive.read(buf);
        assertTrue(n > 0, "expected a block at " + drive.position() + ", read returned " + n);
        return Arrays.copyOf(buf.array(), n);
    }

    @Test
    void blocksAreReadBackInOrderWithFilemarksAndEndOfData() throws IOException {
        drive.write(Fixtures.block(BLOCK, 1));
        drive.write(Fixtures.block(100, 2));
        drive.writeFilemarks(1);
        drive.rewind();
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        assertEquals(VolumeLabel.BYTES, drive.read(buf));
        assertEquals("VOL1LF0001", VolumeLabel.decode(buf.flip()).toString());
        assertEquals(0, drive.read(buf.clear()), "the label's filemark");
        assertEquals(BlockAddress.of(1, 0), drive.position());
        assertArrayEquals(Fixtures.random(BLOCK, 1), readBlock());
        assertArrayEquals(Fixtures.random(100, 2), readBlock());
        assertEquals(BlockAddress.of(1, 2), drive.position());
        assertEquals(0, drive.read(buf.clear()), "the filemark closing file 1");
        assertEquals(-1, drive.read(buf.clear()), "end-of-data");
        assertEquals(BlockAddress.of(2, 0), drive.position());
        assertTrue(drive.atEndOfData());
    }

    @Test
    void spacingForwardOverFilemarksStopsJustPastTheLastOneCrossed() throws IOException {
        writeFiles(3, 2);
        drive.rewind();
        drive.spaceFilemarks(2);
        assertEquals(BlockAddress.of(2, 0), drive.position());
        assertArrayEquals(Fixtures.random(BLOCK, 200), readBlock());
    }

    @Test
    void spacingBackOverAFilemarkStopsBeforeIt() throws IOException {
        writeFiles(3, 2);
        drive.locateFile(3);
        drive.spaceFilemarks(-1);
        assertEquals(BlockAddress.of(2, 2), drive.position(), "on the tape side of the filemark closing file 2");
        drive.spaceFilemarks(-1);
        drive.spaceFilemarks(1);
        assertEquals(BlockAddress.of(2, 0), drive.position(), "bsf 2 then fsf 1 is the start of the file");
    }

    @Test
    void spacingPastEndOfDataFailsAndLeavesTheDriveAtEndOfData() throws IOException {
        writeFiles(2, 1);
        drive.rewind();
        TapeException e = assertThrows(TapeException.class, () -> drive.spaceFilemarks(5));
        assertEquals(TapeException.Sense.BLANK_CHECK, e.sense());
        assertTrue(e.getMessage().contains("ran into end-of-data after 3"), e.getMessage());
        assertEquals(BlockAddress.of(3, 0), drive.position());
    }

    @Test
    void spacingBackPastTheBeginningFailsAtBeginningOfTape() throws IOException {
        writeFiles(2, 1);
        TapeException e = assertThrows(TapeException.class, () -> drive.spaceFilemarks(-4));
        assertEquals(TapeException.Sense.BEGINNING_OF_TAPE, e.sense());
        assertEquals(BlockAddress.of(0, 0), drive.position());
    }

    @Test
    void locatingEndOfDataAndFilesReportsFileAndBlock() throws IOException {
        writeFiles(3, 2);
        drive.rewind();
        drive.locateEndOfData();
        assertEquals(BlockAddress.of(4, 0), drive.position());
        assertEquals(1 + 1 + 3 * 3, drive.record());
        drive.locateFile(2);
        assertEquals(BlockAddress.of(2, 0), drive.position());
        assertThrows(TapeException.class, () -> drive.locateFile(5));
    }

    @Test
    void writingInTheMiddleDropsEverythingAfterIt() throws IOException {
        writeFiles(3, 2);
        drive.locateFile(2);
        drive.write(Fixtures.block(10, 9));
        drive.writeFilemarks(1);
        drive.locateEndOfData();
        assertEquals(BlockAddress.of(3, 0), drive.position());
        drive.locateFile(2);
        assertArrayEquals(Fixtures.random(10, 9), readBlock());
        assertEquals(80 + 2L * BLOCK + 10, drive.cartridgeInfo().usedBytes());
        assertEquals(2, drive.cartridgeInfo().tapeFiles());
    }

    @Test
    void earlyWarningIsReportedFromTheEarlyWarningPointOn() throws IOException {
        while (drive.dataOffset() + BLOCK < 48 * BLOCK) {
            drive.write(Fixtures.block(BLOCK, 1));
            assertFalse(drive.earlyWarning(), "before early warning at " + drive.dataOffset());
        }
        drive.write(Fixtures.block(BLOCK, 1));
        assertTrue(drive.earlyWarning(), "past early warning at " + drive.dataOffset());
    }

    @Test
    void damagedBlockIsReportedWithBarcodeAndBlockAndTheBlocksBeforeItStillRead() throws IOException {
        writeFiles(1, 3);
        long offset = VolumeLabel.BYTES + BLOCK + 17;
        try (FileChannel data = FileChannel.open(tmp.resolve("LF0001L8/data"), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            data.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ 0x40)).rewind();
            data.write(b, offset);
        }
        drive.locateFile(1);
        assertArrayEquals(Fixtures.random(BLOCK, 100), readBlock());
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        DamagedBlockException e = assertThrows(DamagedBlockException.class, () -> drive.read(buf));
        assertEquals(Fixtures.LF0001, e.barcode());
        assertEquals(BlockAddress.of(1, 1), e.address());
        assertEquals(3, e.record());
        assertTrue(e.getMessage().contains("cartridge LF0001L8 block 1:1 (record 3) is damaged"), e.getMessage());
        assertTrue(e.getMessage().contains("HINT"), e.getMessage());
        assertEquals(0, buf.position(), "no byte of a damaged block is handed out");
        assertArrayEquals(new byte[BLOCK], buf.array());
        assertArrayEquals(Fixtures.random(BLOCK, 102), readBlock(), "the drive moved past the damaged block");
    }

    @Test
    void readIntoABufferSmallerThanTheBlockFailsWithoutMoving() throws IOException {
        writeFiles(1, 1);
        drive.locateFile(1);
        TapeException e = assertThrows(TapeException.class, () -> drive.read(ByteBuffer.allocate(100)));
        assertTrue(e.getMessage().contains("holds 4096 bytes but the read buffer has room for 100"), e.getMessage());
        assertArrayEquals(Fixtures.random(BLOCK, 100), readBlock());
    }

    @Test
    void blockLargerThanTheDriveBlockSizeIsRefused() {
        TapeException e = assertThrows(TapeException.class, () -> drive.write(ByteBuffer.allocate(BLOCK + 1)));
        assertEquals(TapeException.Sense.ILLEGAL_REQUEST, e.sense());
        assertTrue(e.getMessage().contains("4097 bytes is larger than the drive's block size of 4096"));
    }

    @Test
    void emptyDriveIsNotReady() throws IOException {
        drive.unload().close();
        TapeException e = assertThrows(TapeException.class, () -> drive.read(ByteBuffer.allocate(BLOCK)));
        assertEquals(TapeException.Sense.NOT_READY, e.sense());
        assertEquals("drive 0 is empty: cannot read; HINT: load a cartridge first", e.getMessage());
        assertEquals(BlockAddress.INVALID, drive.position());
    }
}
