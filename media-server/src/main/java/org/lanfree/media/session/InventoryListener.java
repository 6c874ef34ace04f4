package org.lanfree.media.session;

import java.io.IOException;
import org.lanfree.media.vtl.Barcode;

/**
 * Told after the drive pool moved a cartridge or took it into a pool, so the catalog's copy of
 * the library (slots, drives) can follow. {@link #NONE} when nothing follows it.
 */
@FunctionalInterface
public interface InventoryListener {

    InventoryListener NONE = barcode -> {
    };

    /** {@code barcode} was loaded, unloaded or taken from scratch. */
    void moved(Barcode barcode) throws IOException;
}
