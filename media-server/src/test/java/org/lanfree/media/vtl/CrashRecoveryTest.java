package org.lanfree.media.vtl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer that dies in the middle of a tape file: the cartridge reopened from disk is readable up
 * to its last complete tape file, and the next write appends after it. The "crash" is a copy of the
 * cartridge's folder taken while the tape file is open, opened as a new cartridge.
 */
class CrashRecoveryTest {

    private static final int BLOCK = 4096;

    @TempDir
    Path tmp;

    private Drive twoCompleteFilesAndOneOpen() throws IOException {
        Drive drive = Fixtures.labelledDrive(tmp.resolve("live"), BLOCK, 1 << 20, 1 << 19);
        for (int f = 1; f <= 2; f++) {
            drive.write(Fixtures.block(BLOCK, f));
            drive.write(Fixtures.block(500, f + 10));
            drive.writeFilemarks(1);
        }
        for (int b = 0; b < 3; b++) {
            drive.write(Fixtures.block(BLOCK, 30 + b));
        }
        drive.writeFilemarks(0);
        return drive;
    }

    private Path crashImage() throws IOException {
        Path image = tmp.resolve("crash/LF0001L8");
        Files.createDirectories(image);
        for (String name : new String[] {"data", "index", "meta"}) {
            Files.copy(tmp.resolve("live/LF0001L8").resolve(name), image.resolve(name));
        }
        return image;
    }

    @Test
    void cartridgeLeftInsideATapeFileIsCutBackToItsLastFilemark() throws IOException {
        Drive live = twoCompleteFilesAndOneOpen();
        Path image = crashImage();
        live.unload().close();
        long endOfFile2 = 80 + 2L * (BLOCK + 500);

        try (FileCartridge recovered = FileCartridge.open(image)) {
            assertEquals(8, recovered.records(), "label, filemark, two files of two blocks and a filemark");
            assertEquals(endOfFile2, Files.size(image.resolve("data")));
            assertEquals(8 * 32, Files.size(image.resolve("index")));
            assertEquals(String.valueOf(endOfFile2), KeyValues.read(image.resolve("meta")).get("end-of-data.offset"));

            Drive drive = new Drive(1, BLOCK);
            drive.load(recovered);
            drive.locateFile(2);
            ByteBuffer buf = ByteBuffer.allocate(BLOCK);
            assertEquals(BLOCK, drive.read(buf));
            assertArrayEquals(Fixtures.random(BLOCK, 2), buf.array());
            drive.locateEndOfData();
            assertEquals(BlockAddress.of(3, 0), drive.position(), "the next write appends as file 3");
            drive.write(Fixtures.block(123, 99));
            drive.writeFilemarks(1);
            drive.locateFile(3);
            assertEquals(123, drive.read(buf.clear()));
            assertArrayEquals(Fixtures.random(123, 99), Arrays.copyOf(buf.array(), 123));
            assertEquals(endOfFile2, recovered.dataOffset(recovered.fileStart(3)));
            drive.unload();
        }
    }

    @Test
    void tornIndexRecordAndDataPastTheIndexAreDropped() throws IOException {
        Drive live = Fixtures.labelledDrive(tmp.resolve("live"), BLOCK, 1 << 20, 1 << 19);
        live.write(Fixtures.block(BLOCK, 1));
        live.writeFilemarks(1);
        live.unload().close();
        Path dir = tmp.resolve("live/LF0001L8");
        long data = Files.size(dir.resolve("data"));
        Files.write(dir.resolve("index"), new byte[] {'D', 0, 0, 0, 0, 0, 16, 0, 0, 0}, StandardOpenOption.APPEND);
        Files.write(dir.resolve("data"), new byte[700], StandardOpenOption.APPEND);

        try (FileCartridge recovered = FileCartridge.open(dir)) {
            assertEquals(4, recovered.records());
            assertEquals(4 * 32, Files.size(dir.resolve("index")));
            assertEquals(data, Files.size(dir.resolve("data")));
        }
    }

    @Test
    void tapeFileWhoseFilemarkReachedTheIndexSurvivesAStaleMetaFile() throws IOException {
        Drive live = Fixtures.labelledDrive(tmp.resolve("live"), BLOCK, 1 << 20, 1 << 19);
        live.write(Fixtures.block(BLOCK, 1));
        live.writeFilemarks(1);
        Path meta = tmp.resolve("live/LF0001L8/meta");
        byte[] staleMeta = Files.readAllBytes(meta);
        live.write(Fixtures.block(BLOCK, 2));
        live.writeFilemarks(1);
        live.unload().close();
        Files.write(meta, staleMeta);

        try (FileCartridge recovered = FileCartridge.open(tmp.resolve("live/LF0001L8"))) {
            assertEquals(2, recovered.info(null).tapeFiles());
            assertEquals("1 3 5", KeyValues.read(meta).get("filemarks"));
        }
    }

    @Test
    void damagedIndexRecordBeforeCompleteTapeFilesIsNotCutAway() throws IOException {
        Drive live = twoCompleteFilesAndOneOpen();
        live.unload().close();
        Path dir = tmp.resolve("live/LF0001L8");
        try (FileChannel index = FileChannel.open(dir.resolve("index"), StandardOpenOption.WRITE)) {
            index.write(ByteBuffer.wrap(new byte[] {(byte) 0xff}), 3 * 32 + 10);
        }
        long sizeBefore = Files.size(dir.resolve("index"));

        TapeException e = assertThrows(TapeException.class, () -> FileCartridge.open(dir));

        assertEquals(TapeException.Sense.MEDIUM_ERROR, e.sense());
        assertTrue(e.getMessage().startsWith("cartridge LF0001L8: the index is damaged at record 3 (record 3"
                + " fails its check sum), but complete tape files follow it; refusing to cut them away."),
                e.getMessage());
        assertEquals(sizeBefore, Files.size(dir.resolve("index")), "nothing was cut");
    }
}
