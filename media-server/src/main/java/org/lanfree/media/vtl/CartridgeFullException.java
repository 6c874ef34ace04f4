package org.lanfree.media.vtl;

/** A write that would pass the cartridge's capacity; nothing was written. */
public final class CartridgeFullException extends TapeException {

    private final Barcode barcode;

    public CartridgeFullException(Barcode barcode, long used, long blockBytes, long capacity) {
        super(Sense.VOLUME_OVERFLOW, "cartridge " + barcode + " is full: " + used + " bytes used, a block of "
                + blockBytes + " bytes would pass its capacity of " + capacity + " bytes. HINT: close the tape"
                + " file with a filemark and continue on another cartridge (writers do this at early warning)");
        this.barcode = barcode;
    }

    public Barcode barcode() {
        return barcode;
    }
}
