package org.lanfree.media.vtl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a backup's payload back across its sections, in order: for each one it has the cartridge
 * mounted, locates the tape file, checks that the header names this backup and section, and then
 * streams the payload blocks, each checked against its CRC32C, up to the filemark. A damaged block
 * fails the read with {@link DamagedBlockException}; no byte of it is returned. Not thread-safe.
 */
public final class TapeFileReader extends InputStream {

    /** Mounts a section's cartridge. */
    @FunctionalInterface
    public interface Mount {
        /** Returns a drive holding {@code section.barcode()} (e.g. after the library loaded it). */
        Drive mount(Section section) throws IOException;
    }

    private final List<Section> sections;
    private final Mount mount;
    private ByteBuffer block = ByteBuffer.allocate(Drive.DEFAULT_BLOCK_SIZE).flip();
    private int next;
    private Drive drive;
    private Section current;
    private long blocks;
    private long bytes;
    private boolean done;
    private boolean started;
    private long pendingSkip;
    private int skipInBlock;

    public TapeFileReader(List<Section> sections, Mount mount) {
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("a backup has at least one section; got none");
        }
        this.sections = List.copyOf(sections);
        this.mount = mount;
    }

    /**
     * Starts reading at payload byte {@code offset} instead of the first: sections before it are not
     * mounted, and blocks before it are spaced over, not read. Call before the first read; an
     * offset at or past the end gives end-of-stream.
     */
    public void startAt(long offset) {
        if (started) {
            throw new IllegalStateException("startAt must come before the first read");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("payload offset " + offset + " is negative");
        }
        long start = 0;
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            if (offset < start + s.payloadBytes()) {
                next = i;
                pendingSkip = offset - start;
                return;
            }
            start += s.payloadBytes();
        }
        next = sections.size();
        done = true;
    }

    /** Reads the tape file header at the drive's position, leaving the drive after it. */
    public static TapeFileHeader readHeader(Drive drive) throws IOException {
        String where = drive.loaded().map(Barcode::toString).orElse("?") + " at " + drive.position();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int blocks = 0;
        do {
            text.write(readHeaderBlock(drive, where, blocks));
            blocks++;
        } while (!text.toString(StandardCharsets.US_ASCII).contains("\n" + TapeFileHeader.END + "\n")
                && text.size() < TapeFileHeader.MAX_TEXT);
        TapeFileHeader header;
        try {
            header = TapeFileHeader.decode(ByteBuffer.wrap(text.toByteArray()));
        } catch (IllegalArgumentException e) {
            throw new TapeException(TapeException.Sense.MEDIUM_ERROR, "no lanfree tape file header on " + where
                    + ": " + e.getMessage() + "; HINT: check the tape file number", e);
        }
        for (; blocks < header.headerBlocks(); blocks++) {
            readHeaderBlock(drive, where, blocks);
        }
        return header;
    }

    private static byte[] readHeaderBlock(Drive drive, String where, int blocks) throws IOException {
        int size = drive.nextBlockSize();
        if (size <= 0) {
            throw new TapeException(blocks == 0 ? TapeException.Sense.BLANK_CHECK : TapeException.Sense.MEDIUM_ERROR,
                    "no " + (blocks == 0 ? "" : "complete ") + "tape file header on " + where + ": found "
                    + (size == 0 ? "a filemark" : "end-of-data") + " after " + blocks + " header blocks; HINT: check"
                    + " the tape file number");
        }
        ByteBuffer block = ByteBuffer.allocate(size);
        drive.read(block);
        return block.array();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        started = true;
        while (!block.hasRemaining()) {
            if (done || !fill()) {
                done = true;
                return -1;
            }
        }
        int n = Math.min(len, block.remaining());
        block.get(dst, off, n);
        return n;
    }

    /** Reads the next payload block; false when the last section is exhausted. */
    private boolean fill() throws IOException {
        if (current == null) {
            if (next == sections.size()) {
                return false;
            }
            open(sections.get(next++));
        }
        int size = drive.nextBlockSize();
        if (size > block.capacity()) {
            block = ByteBuffer.allocate(size);
        }
        block.clear();
        int n = drive.read(block);
        block.flip();
        if (n > 0) {
            blocks++;
            bytes += n;
            if (skipInBlock > 0) {
                block.position(skipInBlock);
                skipInBlock = 0;
            }
            return true;
        }
        if (n < 0) {
            throw new TapeException(TapeException.Sense.MEDIUM_ERROR, where() + " ends without a filemark after "
                    + blocks + " payload blocks; expected " + current.payloadBlocks() + " blocks and a filemark;"
                    + " HINT: the tape file was not finished");
        }
        if (blocks != current.payloadBlocks() || bytes != current.payloadBytes()) {
            throw new TapeException(TapeException.Sense.MEDIUM_ERROR, where() + " holds " + blocks + " payload"
                    + " blocks and " + bytes + " bytes, the catalog expects " + current.payloadBlocks() + " and "
                    + current.payloadBytes() + "; HINT: crosscheck the backup");
        }
        current = null;
        return true;
    }

    private void open(Section s) throws IOException {
        drive = mount.mount(s);
        if (!drive.loaded().map(s.barcode()::equals).orElse(false)) {
            throw new TapeException(TapeException.Sense.NOT_READY, "backup " + s.backupId() + " section "
                    + s.number() + " is on " + s.barcode() + ", but " + drive + " holds "
                    + drive.loaded().map(Barcode::toString).orElse("nothing") + "; HINT: mount the right cartridge");
        }
        current = s;
        drive.locateFile(s.fileNumber());
        TapeFileHeader h = readHeader(drive);
        if (!h.backup().backupId().equals(s.backupId()) || h.section() != s.number()) {
            throw new TapeException(TapeException.Sense.MEDIUM_ERROR, where() + " holds backup "
                    + h.backup().backupId() + " section " + h.section() + ", expected backup " + s.backupId()
                    + " section " + s.number() + "; HINT: the catalog and the cartridge disagree, crosscheck it");
        }
        blocks = 0;
        bytes = 0;
        if (pendingSkip > 0) {
            // Payload blocks are full but for the last, so the block holding the offset is computed, not searched.
            long skipBlocks = pendingSkip / drive.blockSize();
            drive.spaceBlocks(skipBlocks);
            blocks = skipBlocks;
            bytes = skipBlocks * drive.blockSize();
            skipInBlock = (int) (pendingSkip % drive.blockSize());
            pendingSkip = 0;
        }
    }

    private String where() {
        return "cartridge " + current.barcode() + " tape file " + current.fileNumber();
    }
}
