package org.lanfree.media.vtl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Small cartridges, drives and libraries in a temporary folder, and byte helpers. */
final class Fixtures {

    static final Barcode LF0001 = Barcode.valueOf("LF0001L8");
    static final Instant CREATED = Instant.parse("2025-06-01T12:00:00Z");

    private Fixtures() {
    }

    /** A labelled cartridge in {@code folder/LF0001L8}, loaded in a stand-alone drive. */
    static Drive labelledDrive(Path folder, int blockSize, long capacity, long earlyWarning) throws IOException {
        FileCartridge c = FileCartridge.create(folder.resolve(LF0001.toString()), LF0001, Pools.SCRATCH, capacity,
                earlyWarning);
        c.writeLabel(VolumeLabel.of(LF0001));
        Drive drive = new Drive(0, blockSize);
        drive.load(c);
        drive.locateEndOfData();
        return drive;
    }

    /** A library with {@code cartridges} labelled scratch cartridges LF0001L8... in a few slots. */
    static LibraryConfig smallLibrary(Path folder, int slots, int cartridges, int blockSize, long capacity,
            long earlyWarning) {
        return new LibraryConfig(folder, 2, slots, 1, blockSize, cartridges, LF0001, Pools.SCRATCH, capacity,
                earlyWarning);
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static ByteBuffer block(int size, long seed) {
        return ByteBuffer.wrap(random(size, seed));
    }

    static BackupInfo backup(String id, String compression) {
        return new BackupInfo(id, "fileserver1", "fs", "full", CREATED, compression);
    }

    /** Reads the payload of a reader to the end. */
    static byte[] readAll(TapeFileReader reader) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.transferTo(out);
        return out.toByteArray();
    }

    /** Every file under {@code folder}, by relative path, with its bytes: a snapshot to compare. */
    static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> all = new TreeMap<>();
        try (var walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    all.put(folder.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return all;
    }
}
