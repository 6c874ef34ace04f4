package org.lanfree.media.vtl;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The meta file of one cartridge: its own facts (barcode, pool, capacity, early warning, write
 * protect, label) and, for administrators, where each complete tape file lies in the data file.
 * Rewritten after every filemark, so its layout lines describe the cartridge as of the last one;
 * the index file is the authority on blocks.
 *
 * <pre>
 * barcode = LF0001L8            pool = scratch              label = VOL1LF0001 (empty: blank)
 * capacity = bytes              early-warning = bytes from the beginning where early warning starts
 * write-protect = true|false
 * end-of-data.record = N        end-of-data.offset = bytes in the data file
 * filemarks = record numbers of the filemarks, space-separated
 * file.F.first-record, file.F.blocks, file.F.offset, file.F.bytes   for every complete tape file F
 * </pre>
 */
record CartridgeMeta(Barcode barcode, String pool, long capacity, long earlyWarning, boolean writeProtected,
        String label) {

    static final String FILE = "meta";

    CartridgeMeta {
        Pools.check(pool);
        if (capacity <= 0 || earlyWarning <= 0 || earlyWarning > capacity) {
            throw new IllegalArgumentException("cartridge " + barcode + ": early warning at " + earlyWarning
                    + " bytes and capacity " + capacity + " bytes are not valid; expected 0 < early warning"
                    + " <= capacity. HINT: leave room for at least a few blocks between them");
        }
    }

    CartridgeMeta withPool(String newPool) {
        return new CartridgeMeta(barcode, newPool, capacity, earlyWarning, writeProtected, label);
    }

    CartridgeMeta withWriteProtected(boolean on) {
        return new CartridgeMeta(barcode, pool, capacity, earlyWarning, on, label);
    }

    CartridgeMeta withLabel(String newLabel) {
        return new CartridgeMeta(barcode, pool, capacity, earlyWarning, writeProtected, newLabel);
    }

    static CartridgeMeta read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Map<String, String> v;
        try {
            v = KeyValues.read(file);
        } catch (NoSuchFileException e) {
            throw new TapeException(TapeException.Sense.NOT_READY, "cartridge folder " + dir + " has no meta"
                    + " file; expected data, index and meta. HINT: this folder is not a lanfree cartridge", e);
        }
        try {
            return new CartridgeMeta(Barcode.valueOf(required(v, "barcode", file)), required(v, "pool", file),
                    Long.parseLong(required(v, "capacity", file)),
                    Long.parseLong(required(v, "early-warning", file)),
                    Boolean.parseBoolean(required(v, "write-protect", file)), v.getOrDefault("label", ""));
        } catch (IllegalArgumentException e) {
            throw new TapeException(TapeException.Sense.NOT_READY, file + ": " + e.getMessage(), e);
        }
    }

    /** The end-of-data record count the meta file shows, or -1 when it shows none. */
    static long recordedEndOfData(Path dir) throws IOException {
        try {
            return Long.parseLong(KeyValues.read(dir.resolve(FILE)).getOrDefault("end-of-data.record", "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String required(Map<String, String> values, String key, Path file) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException(key + " is missing; HINT: restore " + file + " from the keys"
                    + " documented in README.txt");
        }
        return value;
    }

    /** Writes the facts and the layout of the complete tape files, durably. */
    void write(Path dir, Layout layout) throws IOException {
        StringBuilder s = new StringBuilder(512);
        s.append("# lanfree cartridge meta: the cartridge's facts, and where its complete tape files lie in\n")
                .append("# the data file (as of the last filemark). The index file holds every block's checksum.\n")
                .append("# See README.txt in the library folder for recovery without lanfree.\n")
                .append("barcode = ").append(barcode).append('\n')
                .append("pool = ").append(pool).append('\n')
                .append("label = ").append(label).append('\n')
                .append("capacity = ").append(capacity).append('\n')
                .append("early-warning = ").append(earlyWarning).append('\n')
                .append("write-protect = ").append(writeProtected).append('\n')
                .append("end-of-data.record = ").append(layout.records()).append('\n')
                .append("end-of-data.offset = ").append(layout.dataEnd()).append('\n')
                .append("filemarks =");
        for (int k = 0; k < layout.filemarks(); k++) {
            s.append(' ').append(layout.filemarkRecord(k));
        }
        s.append('\n').append("# tape file F: first record, data blocks, byte offset in the data file, bytes\n");
        for (int f = 0; f < layout.filemarks(); f++) {
            long first = f == 0 ? 0 : layout.filemarkRecord(f - 1) + 1;
            long offset = f == 0 ? 0 : layout.filemarkOffset(f - 1);
            String p = "file." + f + ".";
            s.append(p).append("first-record = ").append(first).append('\n')
                    .append(p).append("blocks = ").append(layout.filemarkRecord(f) - first).append('\n')
                    .append(p).append("offset = ").append(offset).append('\n')
                    .append(p).append("bytes = ").append(layout.filemarkOffset(f) - offset).append('\n');
        }
        KeyValues.replace(dir.resolve(FILE), s.toString());
    }

    /** The cartridge's record layout, as the meta file lists it. */
    interface Layout {
        long records();

        long dataEnd();

        int filemarks();

        long filemarkRecord(int k);

        long filemarkOffset(int k);
    }
}
