package org.lanfree.media.vtl;

/** A block whose bytes do not match the CRC32C kept in the index: its bytes are never handed out. */
public final class DamagedBlockException extends TapeException {

    private final Barcode barcode;
    private final long record;
    private final BlockAddress address;

    public DamagedBlockException(Barcode barcode, long record, BlockAddress address, String problem) {
        super(Sense.MEDIUM_ERROR, "cartridge " + barcode + " block " + address + " (record " + record
                + ") is damaged: " + problem + ". HINT: restore this data from another copy; the blocks"
                + " before it are intact");
        this.barcode = barcode;
        this.record = record;
        this.address = address;
    }

    public Barcode barcode() {
        return barcode;
    }

    /** The block's record number counted from the beginning of the tape (the label is record 0). */
    public long record() {
        return record;
    }

    public BlockAddress address() {
        return address;
    }
}
