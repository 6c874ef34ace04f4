package org.lanfree.media.vtl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one backup as a tape file after the last complete tape file of the loaded cartridge: a
 * {@link TapeFileHeader} in whole blocks, the payload bytes cut into blocks of the drive's block
 * size (the last one short, never padded), then a filemark. When the cartridge reaches early
 * warning (or is full), the section ends with a filemark and the backup continues on the cartridge
 * that {@link NextCartridge} provides, behind a continuation header naming the same backup and the
 * section number.
 *
 * <p>Nothing is final until {@link #finish()}: {@link #close()} without it abandons the tape file in
 * progress and erases it (should that fail, it has no filemark, so the next writer on that
 * cartridge, or its next opening, drops it). A
 * compressing stream on top must end its frame before {@code finish()}, without closing the writer:
 *
 * <pre>{@code
 * try (TapeFileWriter tape = TapeFileWriter.start(drive, backup, next);
 *         ZstdOutputStream zstd = new ZstdOutputStream(tape).setCloseFrameOnFlush(true)) {
 *     archive.transferTo(zstd);
 *     zstd.flush();                         // ends the zstd frame
 *     List<Section> sections = tape.finish();
 * }
 * }</pre>
 *
 * Not thread-safe: one session writes through one writer.
 */
public final class TapeFileWriter extends OutputStream {

    /** Supplies the next cartridge when one fills up. */
    @FunctionalInterface
    public interface NextCartridge {
        /**
         * Cartridge {@code full} has reached early warning; returns a drive holding a labelled, writable
         * cartridge for section {@code section} (e.g. the next scratch cartridge of the pool, loaded).
         */
        Drive next(Barcode full, int section) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(TapeFileWriter.class);

    private final BackupInfo backup;
    private final NextCartridge nextCartridge;
    private final int blockSize;
    private final ByteBuffer block;
    private final List<Section> sections = new ArrayList<>();
    private Drive drive;
    private TapeFileHeader header;
    private long sectionStart = -1;
    private long sectionBlocks;
    private long sectionBytes;
    private boolean finished;
    private boolean failed;

    private TapeFileWriter(Drive drive, BackupInfo backup, NextCartridge nextCartridge) {
        this.drive = drive;
        this.backup = backup;
        this.nextCartridge = nextCartridge;
        this.blockSize = drive.blockSize();
        this.block = ByteBuffer.allocateDirect(blockSize);
    }

    /** Starts the tape file on {@code drive}'s cartridge by writing section 1's header. */
    public static TapeFileWriter start(Drive drive, BackupInfo backup, NextCartridge nextCartridge)
            throws IOException {
        TapeFileWriter writer = new TapeFileWriter(drive, backup, nextCartridge);
        writer.guard(() -> writer.beginSection(1, "none"));
        return writer;
    }

    @Override
    public void write(int b) throws IOException {
        checkWritable();
        block.put((byte) b);
        if (!block.hasRemaining()) {
            guard(this::writeBlock);
        }
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
        write(ByteBuffer.wrap(bytes, off, len));
    }

    /** Writes all remaining bytes of {@code src}. */
    public void write(ByteBuffer src) throws IOException {
        checkWritable();
        while (src.hasRemaining()) {
            int n = Math.min(src.remaining(), block.remaining());
            block.put(block.position(), src, src.position(), n);
            block.position(block.position() + n);
            src.position(src.position() + n);
            if (!block.hasRemaining()) {
                guard(this::writeBlock);
            }
        }
    }

    /**
     * Writes the last (short) block and the closing filemark, which makes the tape file durable,
     * and returns the sections written, in order.
     */
    public List<Section> finish() throws IOException {
        checkWritable();
        guard(() -> {
            if (block.position() > 0) {
                writeBlock();
            }
            endSection();
        });
        finished = true;
        return List.copyOf(sections);
    }

    /** The sections completed so far (all of them after {@link #finish()}). */
    public List<Section> sections() {
        return List.copyOf(sections);
    }

    /** Releases the writer; without {@link #finish()} the tape file in progress is abandoned. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        failed = true;
        if (sectionStart < 0) {
            return;
        }
        long start = sectionStart;
        sectionStart = -1;
        try {
            // Erased now rather than written over later: a disk that filled up gets its space back at once.
            drive.eraseFrom(start);
            log.warn("drive {}: backup {} section {} abandoned before it was finished; its unfinished tape file"
                    + " is erased", drive.number(), backup.backupId(), header == null ? "?" : header.section());
        } catch (IOException | RuntimeException e) {
            log.warn("drive {}: backup {} abandoned; its unfinished tape file has no filemark and will be written"
                    + " over (erasing it failed: {})", drive.number(), backup.backupId(), e.getMessage());
        }
    }

    private void beginSection(int number, String continuesFrom) throws IOException {
        CartridgeInfo c = drive.cartridgeInfo();
        if (!c.labelled()) {
            throw new TapeException(TapeException.Sense.ILLEGAL_REQUEST, "drive " + drive.number() + ": cartridge "
                    + c.barcode() + " has no volume label, cannot write backup " + backup.backupId()
                    + " on it; HINT: label it (or take it from scratch, which labels it)");
        }
        drive.locateEndOfData();
        BlockAddress end = drive.position();
        if (end.block() != 0) {
            log.warn("drive {}: cartridge {} ends inside tape file {} ({} blocks without a filemark); writing"
                    + " backup {} over it", drive.number(), c.barcode(), end.file(), end.block(), backup.backupId());
            drive.locateFile(end.file());
        }
        if (drive.earlyWarning()) {
            switchCartridge(number, c.barcode(), continuesFrom);
            return;
        }
        sectionStart = drive.record();
        header = TapeFileHeader.fitted(backup, blockSize, number, continuesFrom, c.barcode(), end.file(),
                drive.dataOffset());
        ByteBuffer blocks = header.encode();
        for (int i = 0; i < header.headerBlocks(); i++) {
            drive.write(blocks.slice(i * blockSize, blockSize));
        }
        sectionBlocks = 0;
        sectionBytes = 0;
        log.debug("drive {}: backup {} section {} starts at {} file {}", drive.number(), backup.backupId(),
                number, c.barcode(), end.file());
    }

    private void writeBlock() throws IOException {
        block.flip();
        if (drive.earlyWarning()) {
            nextSection();
        }
        try {
            drive.write(block.duplicate());
        } catch (CartridgeFullException e) {
            nextSection();
            drive.write(block.duplicate());
        }
        sectionBlocks++;
        sectionBytes += block.remaining();
        block.clear();
    }

    private void nextSection() throws IOException {
        if (sectionBlocks == 0) {
            throw new TapeException(TapeException.Sense.VOLUME_OVERFLOW, "drive " + drive.number() + ": cartridge "
                    + header.cartridge() + " reached early warning before the first payload block of backup "
                    + backup.backupId() + " section " + header.section() + "; HINT: its early warning leaves no"
                    + " room after the header; set cartridges.early-warning lower than the capacity");
        }
        endSection();
        Barcode full = header.cartridge();
        switchCartridge(header.section() + 1, full, full + " file " + header.tapeFile());
    }

    private void switchCartridge(int number, Barcode full, String continuesFrom) throws IOException {
        log.info("drive {}: cartridge {} reached early warning; backup {} continues with section {} on the"
                + " next cartridge", drive.number(), full, backup.backupId(), number);
        Drive next = nextCartridge.next(full, number);
        if (next == null || next.loaded().isEmpty() || next.loaded().get().equals(full)) {
            throw new TapeException(TapeException.Sense.NOT_READY, "backup " + backup.backupId() + ": no next"
                    + " cartridge for section " + number + " after " + full + " (got " + (next == null ? "no drive"
                    : next + " holding " + next.loaded().map(Barcode::toString).orElse("nothing")) + ")"
                    + "; HINT: the callback must load a different labelled scratch cartridge");
        }
        if (next.blockSize() != blockSize) {
            throw new TapeException(TapeException.Sense.ILLEGAL_REQUEST, "backup " + backup.backupId() + ": "
                    + next + " writes blocks of " + next.blockSize() + " bytes, expected " + blockSize
                    + " as on the first section; HINT: use drives of one block size");
        }
        drive = next;
        beginSection(number, continuesFrom);
    }

    private void endSection() throws IOException {
        drive.writeFilemarks(1);
        sectionStart = -1;
        long first = header.headerBlocks();
        sections.add(new Section(backup.backupId(), header.section(), header.cartridge(), header.tapeFile(), first,
                first + sectionBlocks - 1, sectionBytes, header.payloadOffset()));
    }

    private void checkWritable() throws TapeException {
        if (finished || failed) {
            throw new TapeException(TapeException.Sense.ILLEGAL_REQUEST, "backup " + backup.backupId()
                    + ": the tape file writer is " + (finished ? "finished" : "closed after a failure")
                    + "; HINT: start a new writer for another tape file");
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    /** Runs a step that writes to tape; after a failure the writer refuses further writes. */
    private void guard(Step step) throws IOException {
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }
}
