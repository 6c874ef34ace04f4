package org.lanfree.media.vtl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tape drive: reads and writes the loaded cartridge at its current position, as SCSI stream
 * commands do. Positions are records from the beginning of the tape; {@link #position()} reports
 * them as file and block. Writing anywhere but end-of-data drops what follows (tape semantics).
 * Spacing forward over filemarks stops just past the last one crossed; spacing backward stops on
 * the beginning-of-tape side of it, as {@code mt fsf} and {@code mt bsf} do. Methods are
 * thread-safe; one session uses a drive at a time.
 */
public final class Drive {

    public static final int DEFAULT_BLOCK_SIZE = 256 * 1024;
    public static final int MAX_BLOCK_SIZE = 16 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(Drive.class);

    private final int number;
    private final int blockSize;
    private final boolean robotic;
    private FileCartridge cartridge;
    private long position;

    /** A stand-alone drive whose cartridges are loaded by hand with {@link #load}. */
    public Drive(int number, int blockSize) {
        this(number, blockSize, false);
    }

    private Drive(int number, int blockSize, boolean robotic) {
        if (blockSize < 1 || blockSize > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("drive " + number + ": block size " + blockSize + " is not"
                    + " valid; expected 1 to " + MAX_BLOCK_SIZE + " bytes, default " + DEFAULT_BLOCK_SIZE);
        }
        this.number = number;
        this.blockSize = blockSize;
        this.robotic = robotic;
    }

    /** A drive inside a {@link TapeLibrary}: only the library's robot loads and unloads it. */
    static Drive inLibrary(int number, int blockSize) {
        return new Drive(number, blockSize, true);
    }

    public int number() {
        return number;
    }

    /** The size of full blocks written through this drive; the last block of a tape file may be shorter. */
    public int blockSize() {
        return blockSize;
    }

    public synchronized Optional<Barcode> loaded() {
        return cartridge == null ? Optional.empty() : Optional.of(cartridge.barcode());
    }

    /** The loaded cartridge's facts. */
    public synchronized CartridgeInfo cartridgeInfo() throws TapeException {
        return loadedCartridge("report the cartridge").info(Element.drive(number));
    }

    /** Loads a cartridge into this stand-alone drive and rewinds it. */
    public synchronized void load(FileCartridge c) throws TapeException {
        checkByHand("load");
        insert(c);
    }

    /** Unloads this stand-alone drive's cartridge and returns it. */
    public synchronized FileCartridge unload() throws TapeException {
        checkByHand("unload");
        return eject();
    }

    private void checkByHand(String what) throws TapeException {
        if (robotic) {
            throw new TapeException(TapeException.Sense.ILLEGAL_REQUEST, "drive " + number + " belongs to a"
                    + " library: cannot " + what + " it by hand; HINT: move cartridges with the library's robot"
                    + " (TapeLibrary.load, unload, move)");
        }
    }

    synchronized void insert(FileCartridge c) throws TapeException {
        if (cartridge != null) {
            throw new TapeException(TapeException.Sense.ILLEGAL_REQUEST, "drive " + number + " already holds "
                    + cartridge.barcode() + ", cannot load " + c.barcode() + "; HINT: unload it first");
        }
        cartridge = c;
        position = 0;
        log.info("drive {}: loaded {}", number, c.barcode());
    }

    synchronized FileCartridge eject() throws TapeException {
        FileCartridge c = loadedCartridge("unload");
        cartridge = null;
        position = 0;
        log.info("drive {}: unloaded {}", number, c.barcode());
        return c;
    }

    public synchronized void rewind() throws TapeException {
        loadedCartridge("rewind");
        position = 0;
    }

    /**
     * Spaces over {@code count} filemarks: forward (positive) to just past the last one, backward
     * (negative) to just before it. Running into end-of-data or the beginning of tape fails and
     * leaves the drive there.
     */
    public synchronized void spaceFilemarks(int count) throws TapeException {
        FileCartridge c = loadedCartridge("space");
        int before = c.address(position).file();
        int marks = c.filemarkCount();
        if (count > 0) {
            int target = before + count - 1;
            if (target >= marks) {
                position = c.records();
                throw new TapeException(TapeException.Sense.BLANK_CHECK, "drive " + number + ": spacing forward"
                        + " over " + count + " filemarks from file " + before + " ran into end-of-data after "
                        + (marks - before) + " on " + c.barcode() + "; HINT: the cartridge holds files 0-"
                        + Math.max(0, marks - 1) + " closed by filemarks");
            }
            position = c.fileStart(target + 1);
        } else if (count < 0) {
            int target = before + count;
            if (target < 0) {
                position = 0;
                throw new TapeException(TapeException.Sense.BEGINNING_OF_TAPE, "drive " + number + ": spacing"
                        + " back over " + -count + " filemarks from file " + before + " ran into the beginning"
                        + " of tape after " + before + " on " + c.barcode() + "; HINT: rewind to reach file 0");
            }
            position = c.fileStart(target + 1) - 1;
        }
    }

    /** Positions at the first block of tape file {@code file} (the file after the last filemark is the open one). */
    public synchronized void locateFile(int file) throws TapeException {
        FileCartridge c = loadedCartridge("locate");
        int marks = c.filemarkCount();
        if (file < 0 || file > marks) {
            throw new TapeException(TapeException.Sense.BLANK_CHECK, "drive " + number + ": tape file " + file
                    + " is not on " + c.barcode() + "; expected 0-" + marks + " (" + marks + " filemarks)");
        }
        position = c.fileStart(file);
    }

    /**
     * Spaces forward over {@code count} blocks of the current tape file without reading them (SCSI
     * SPACE blocks); refuses to cross a filemark or end-of-data.
     */
    public synchronized void spaceBlocks(long count) throws IOException {
        FileCartridge c = loadedCartridge("space");
        if (count <= 0) {
            return;
        }
        long last = position + count - 1;
        if (last >= c.records() || c.record(last).isFilemark()
                || c.record(last).file() != c.address(position).file()) {
            throw new TapeException(TapeException.Sense.BLANK_CHECK, "drive " + number + ": cannot space over " + count
                    + " blocks from " + c.address(position) + " on " + c.barcode() + ": the tape file ends before;"
                    + " HINT: the catalog's block counts and the cartridge disagree, crosscheck it");
        }
        position += count;
    }

    /** Positions at end-of-data, where the next write appends. */
    public synchronized void locateEndOfData() throws TapeException {
        position = loadedCartridge("locate end-of-data").records();
    }

    /** The position as tape file and block; {@link BlockAddress#INVALID} when the drive is empty. */
    public synchronized BlockAddress position() {
        return cartridge == null ? BlockAddress.INVALID : cartridge.address(position);
    }

    /** The position as a record number from the beginning of the tape (SCSI's logical object). */
    public synchronized long record() throws TapeException {
        loadedCartridge("report position");
        return position;
    }

    public synchronized boolean atEndOfData() throws TapeException {
        return position == loadedCartridge("report position").records();
    }

    /** Whether the position has passed the cartridge's early-warning point. */
    public synchronized boolean earlyWarning() throws IOException {
        FileCartridge c = loadedCartridge("report early warning");
        return c.dataOffset(position) >= c.earlyWarning();
    }

    /** The byte of the cartridge's data file where the block at the position starts. */
    public synchronized long dataOffset() throws IOException {
        return loadedCartridge("report position").dataOffset(position);
    }

    /** The size of the next record: its bytes, 0 for a filemark, -1 at end-of-data. Does not move. */
    public synchronized int nextBlockSize() throws IOException {
        FileCartridge c = loadedCartridge("read");
        if (position >= c.records()) {
            return -1;
        }
        IndexRecord r = c.record(position);
        return r.isFilemark() ? 0 : r.size();
    }

    /**
     * Reads the next block into {@code dst} after checking its CRC32C, and moves past it. Returns
     * its size, 0 when the record was a filemark (now crossed), or -1 at end-of-data (no move).
     * A damaged block throws {@link DamagedBlockException} and the drive moves past it.
     */
    public synchronized int read(ByteBuffer dst) throws IOException {
        FileCartridge c = loadedCartridge("read");
        if (position >= c.records()) {
            return -1;
        }
        int size;
        try {
            size = c.read(position, dst);
        } catch (DamagedBlockException e) {
            position++;
            throw e;
        }
        position++;
        return size;
    }

    /** Writes one block of 1 to {@link #blockSize()} bytes at the position. */
    public synchronized void write(ByteBuffer block) throws IOException {
        FileCartridge c = loadedCartridge("write");
        if (block.remaining() > blockSize) {
            throw new TapeException(TapeException.Sense.ILLEGAL_REQUEST, "drive " + number + ": a block of "
                    + block.remaining() + " bytes is larger than the drive's block size of " + blockSize
                    + "; HINT: cut the data into blocks of at most " + blockSize + " bytes");
        }
        c.write(position, block);
        position++;
    }

    /**
     * Positions at record {@code record} and erases from there to the end of the tape, freeing what
     * was written after it; end-of-data is then at the position.
     */
    public synchronized void eraseFrom(long record) throws IOException {
        FileCartridge c = loadedCartridge("erase");
        if (record < 0 || record > c.records()) {
            throw new TapeException(TapeException.Sense.ILLEGAL_REQUEST, "drive " + number + ": record " + record
                    + " is not on " + c.barcode() + "; expected 0-" + c.records());
        }
        c.erase(record);
        position = record;
    }

    /** Writes {@code count} filemarks (0 only flushes) and makes everything before them durable. */
    public synchronized void writeFilemarks(int count) throws IOException {
        FileCartridge c = loadedCartridge("write filemarks");
        if (count < 0) {
            throw new IllegalArgumentException("drive " + number + ": filemark count " + count
                    + " is negative; expected 0 or more");
        }
        if (count == 0) {
            c.sync();
            return;
        }
        c.writeFilemarks(position, count);
        position += count;
    }

    private FileCartridge loadedCartridge(String what) throws TapeException {
        if (cartridge == null) {
            throw new TapeException(TapeException.Sense.NOT_READY, "drive " + number + " is empty: cannot "
                    + what + "; HINT: load a cartridge first");
        }
        return cartridge;
    }

    @Override
    public String toString() {
        return "drive " + number;
    }
}
