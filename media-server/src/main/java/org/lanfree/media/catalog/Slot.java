package org.lanfree.media.catalog;

/** A storage or import/export slot of a library, and the cartridge in it (null when empty). */
public record Slot(String library, int slotNo, Kind kind, String barcode) {

    /** Storage slots hold the library's tapes; an import/export slot is the door to the outside. */
    public enum Kind {
        STORAGE,
        IE
    }
}
