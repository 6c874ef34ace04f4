package org.lanfree.media.vtl;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cartridge stored as mhVTL stores one: a folder named after the barcode with three files.
 *
 * <ul>
 * <li>{@code data}: the bytes of every block, back to back, nothing else; {@code dd} with a byte
 * offset from the meta file cuts a tape file out untouched;</li>
 * <li>{@code index}: one {@link IndexRecord} of 32 bytes per block or filemark (kind, size,
 * CRC32C, data offset, file and block number);</li>
 * <li>{@code meta}: the cartridge's facts and tape-file layout, see {@link CartridgeMeta}.</li>
 * </ul>
 *
 * Records are addressed by number from the beginning of the tape (the volume label is record 0).
 * Writing at a record drops that record and everything after it, as writing in the middle of a
 * tape does. A filemark makes everything before it durable: the data file is forced, then the
 * index, then the meta file is replaced; opening a cartridge cuts it back to its last filemark.
 * All methods are thread-safe.
 */
public final class FileCartridge implements Closeable {

    static final String DATA = "data";
    static final String INDEX = "index";

    private static final Logger log = LoggerFactory.getLogger(FileCartridge.class);

    private final Path dir;
    private final DataFile data;
    private final CartridgeIndex index;
    private final Filemarks filemarks;
    private final Barcode barcode;
    private CartridgeMeta meta;
    private long dataEnd;
    private boolean closed;

    FileCartridge(Path dir, CartridgeMeta meta, FileChannel data, FileChannel index, IndexScan scan) {
        this.dir = dir;
        this.meta = meta;
        this.barcode = meta.barcode();
        this.data = new DataFile(data);
        this.index = new CartridgeIndex(index, scan.keep);
        this.filemarks = scan.filemarks;
        this.dataEnd = scan.dataEnd;
    }

    /** Creates a blank cartridge (no label) in the empty or missing folder {@code dir}. */
    public static FileCartridge create(Path dir, Barcode barcode, String pool, long capacity, long earlyWarning)
            throws IOException {
        return CartridgeOpener.create(dir, new CartridgeMeta(barcode, pool, capacity, earlyWarning, false, ""));
    }

    /**
     * Opens the cartridge in {@code dir}. A tape file left open by a writer that died (blocks after
     * the last filemark, a torn index record, data past the last indexed block) is cut away, and the
     * recovery is logged.
     */
    public static FileCartridge open(Path dir) throws IOException {
        return CartridgeOpener.open(dir);
    }

    /** Records the label text found on the tape; rewrites the meta file when it or {@code rewrite} asks. */
    synchronized void adoptLabel(String label, boolean rewrite) throws IOException {
        if (rewrite || !label.equals(meta.label())) {
            meta = meta.withLabel(label);
            writeMeta();
        }
    }

    public Barcode barcode() {
        return barcode;
    }

    public Path folder() {
        return dir;
    }

    public synchronized String pool() {
        return meta.pool();
    }

    public synchronized boolean writeProtected() {
        return meta.writeProtected();
    }

    /** The volume label's text (e.g. {@code VOL1LF0001}), empty while the cartridge is blank. */
    public synchronized Optional<String> label() {
        return meta.label().isEmpty() ? Optional.empty() : Optional.of(meta.label());
    }

    /** The cartridge's facts, with {@code location} as the library knows it (null outside a library). */
    public synchronized CartridgeInfo info(Element location) {
        int complete = filemarks.filemarks() - (meta.label().isEmpty() ? 0 : 1);
        return new CartridgeInfo(barcode, meta.pool(), meta.label(), location, dataEnd, meta.capacity(),
                meta.earlyWarning(), meta.writeProtected(), Math.max(0, complete));
    }

    public synchronized void setPool(String pool) throws IOException {
        meta = meta.withPool(Pools.check(pool));
        writeMeta();
    }

    public synchronized void setWriteProtected(boolean on) throws IOException {
        meta = meta.withWriteProtected(on);
        writeMeta();
    }

    /** Erases the cartridge and writes a volume label and a filemark: the cartridge is empty. */
    public synchronized void writeLabel(VolumeLabel label) throws IOException {
        checkWritable("label");
        ByteBuffer block = label.encode();
        write(0, block, IndexRecord.Kind.LABEL);
        writeFilemarks(1, 1);
        meta = meta.withLabel(label.toString());
        writeMeta();
    }

    /** Drops every tape file after the volume label (everything, on a blank cartridge). */
    public synchronized void erase() throws IOException {
        checkWritable("erase");
        truncate(meta.label().isEmpty() ? 0 : Math.min(2, index.count()));
        writeMeta();
    }

    synchronized long records() {
        return index.count();
    }

    synchronized long capacity() {
        return meta.capacity();
    }

    synchronized long earlyWarning() {
        return meta.earlyWarning();
    }

    /** The data-file offset where record {@code n} starts (end-of-data when {@code n} is the record count). */
    synchronized long dataOffset(long n) throws IOException {
        return n >= index.count() ? dataEnd : record(n).offset();
    }

    synchronized IndexRecord record(long n) throws IOException {
        try {
            return index.get(n);
        } catch (IOException e) {
            throw new TapeException(TapeException.Sense.MEDIUM_ERROR, "cartridge " + barcode + ": cannot read "
                    + e.getMessage() + ". HINT: the index file " + dir.resolve(INDEX) + " is damaged", e);
        }
    }

    synchronized int filemarkCount() {
        return filemarks.filemarks();
    }

    synchronized long fileStart(int file) {
        return filemarks.startOf(file);
    }

    synchronized BlockAddress address(long record) {
        int file = filemarks.fileOf(record);
        return BlockAddress.of(file, record - filemarks.startOf(file));
    }

    /**
     * Reads block {@code n} into {@code dst} and checks its CRC32C. Returns its size, or 0 for a
     * filemark. A block that fails its check leaves {@code dst} as it was (the bytes zeroed).
     */
    synchronized int read(long n, ByteBuffer dst) throws IOException {
        checkOpen();
        IndexRecord r = record(n);
        if (r.isFilemark()) {
            return 0;
        }
        if (r.size() > dst.remaining()) {
            throw new TapeException(TapeException.Sense.ILLEGAL_REQUEST, "cartridge " + barcode + " block "
                    + address(n) + " holds " + r.size() + " bytes but the read buffer has room for "
                    + dst.remaining() + "; HINT: read with a buffer of at least the block size");
        }
        int start = dst.position();
        int actual;
        try {
            actual = data.read(dst, r.offset(), r.size());
        } catch (EOFException e) {
            throw damaged(n, dst, start, e.getMessage());
        } catch (IOException e) {
            throw new TapeException(TapeException.Sense.HARDWARE_ERROR, "cartridge " + barcode + ": cannot read"
                    + " block " + address(n) + " from " + dir.resolve(DATA) + ": " + e.getMessage()
                    + "; HINT: check the disk under the library", e);
        }
        if (actual != r.crc()) {
            throw damaged(n, dst, start, String.format("its CRC32C is %08x, the index expects %08x", actual,
                    r.crc()));
        }
        return r.size();
    }

    private DamagedBlockException damaged(long n, ByteBuffer dst, int start, String problem) {
        for (int i = start; i < dst.position(); i++) {
            dst.put(i, (byte) 0);
        }
        dst.position(start);
        return new DamagedBlockException(barcode, n, address(n), problem);
    }

    /**
     * Writes {@code block} as record {@code at} (dropping that record and what follows it).
     * Nothing changes when the cartridge is write-protected or the block would pass its capacity.
     */
    synchronized void write(long at, ByteBuffer block) throws IOException {
        write(at, block, IndexRecord.Kind.DATA);
    }

    private void write(long at, ByteBuffer block, IndexRecord.Kind kind) throws IOException {
        checkWritable("write");
        int size = block.remaining();
        if (size == 0) {
            throw new TapeException(TapeException.Sense.ILLEGAL_REQUEST, "cartridge " + barcode + ": cannot"
                    + " write an empty block; HINT: write a filemark to end a tape file");
        }
        long offset = dataOffset(at);
        if (offset + size > meta.capacity()) {
            throw new CartridgeFullException(barcode, offset, size, meta.capacity());
        }
        truncate(at);
        int sum;
        try {
            sum = data.write(block, offset);
        } catch (IOException e) {
            throw writeFailed("block " + address(at), e);
        }
        BlockAddress a = address(at);
        index.append(new IndexRecord(kind, size, offset, sum, a.file(), a.block()));
        dataEnd = offset + size;
    }

    /**
     * Writes {@code count} filemarks from record {@code at}, then makes the cartridge durable:
     * data forced, index forced, meta replaced.
     */
    synchronized void writeFilemarks(long at, int count) throws IOException {
        checkWritable("write filemarks");
        truncate(at);
        try {
            data.force();
            index.force();
            for (int i = 0; i < count; i++) {
                long n = index.count();
                BlockAddress a = address(n);
                index.append(new IndexRecord(IndexRecord.Kind.FILEMARK, 0, dataEnd, 0, a.file(), a.block()));
                filemarks.add(n, dataEnd);
            }
            index.force();
        } catch (IOException e) {
            throw writeFailed("filemark", e);
        }
        writeMeta();
    }

    /** Forces data and index to disk and rewrites the meta file, without a filemark. */
    synchronized void sync() throws IOException {
        checkOpen();
        try {
            data.force();
            index.force();
        } catch (IOException e) {
            throw writeFailed("sync", e);
        }
        writeMeta();
    }

    /**
     * Erases from record {@code at} to the end (a short ERASE: end-of-data is at {@code at}
     * afterwards), including any bytes a failed write left past the last block, so their disk space
     * is free again.
     */
    synchronized void erase(long at) throws IOException {
        checkWritable("erase");
        truncate(at);
        long offset = dataOffset(at);
        try {
            data.truncate(offset);
        } catch (IOException e) {
            throw writeFailed("erase", e);
        }
        dataEnd = offset;
    }

    private void truncate(long at) throws IOException {
        long count = index.count();
        if (at >= count) {
            return;
        }
        long offset = dataOffset(at);
        index.truncate(at);
        filemarks.truncate(at);
        data.truncate(offset);
        dataEnd = offset;
        if (at == 0) {
            meta = meta.withLabel("");
        }
        writeMeta();
        log.debug("cartridge {}: writing at record {} dropped {} records after it", barcode, at, count - at);
    }

    void writeMeta() throws IOException {
        filemarks.endOfData(index.count(), dataEnd);
        try {
            meta.write(dir, filemarks);
        } catch (IOException e) {
            throw writeFailed("meta file", e);
        }
    }

    private TapeException writeFailed(String what, IOException e) {
        return new TapeException(TapeException.Sense.HARDWARE_ERROR, "cartridge " + barcode + ": cannot write "
                + what + " in " + dir + ": " + e.getMessage() + "; HINT: check free space and permissions"
                + " under the library folder; the tape files before this one are intact", e);
    }

    private void checkWritable(String what) throws TapeException {
        checkOpen();
        if (meta.writeProtected()) {
            throw new TapeException(TapeException.Sense.DATA_PROTECT, "cartridge " + barcode + " is"
                    + " write-protected: cannot " + what + "; HINT: clear write protect first if the data on it"
                    + " may be overwritten");
        }
    }

    private void checkOpen() throws TapeException {
        if (closed) {
            throw new TapeException(TapeException.Sense.NOT_READY, "cartridge " + barcode + " is closed");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (data) {
            index.close();
        }
    }
}
