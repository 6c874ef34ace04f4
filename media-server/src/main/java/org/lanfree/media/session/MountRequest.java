package org.lanfree.media.session;

import org.lanfree.media.vtl.Barcode;

/**
 * The text a waiting job shows in the catalog ({@code list jobs}, {@code v_jobs}), telling the
 * operator which cartridge the job needs and how to provide it.
 */
final class MountRequest {

    private MountRequest() {
    }

    /** A job about to start a backup on pool {@code pool}. */
    static String forPool(String pool, int drive) {
        return "drive " + drive + " needs a writable cartridge for pool " + pool + ": no partly filled cartridge"
                + " of the pool and no scratch cartridge is in the library. " + howTo();
    }

    /** A spanning backup whose cartridge {@code full} reached early warning. */
    static String forSection(String pool, int drive, Barcode full, int section) {
        return "drive " + drive + " needs a scratch cartridge for section " + section + " of a backup in pool "
                + pool + " (" + full + " is full) and none is in the library. " + howTo();
    }

    private static String howTo() {
        return "Insert a scratch cartridge into the import/export slot and run 'lanfree tape import BARCODE',"
                + " or return expired cartridges to scratch with 'lanfree delete obsolete'";
    }
}
