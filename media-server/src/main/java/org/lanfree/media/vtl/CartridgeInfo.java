package org.lanfree.media.vtl;

/**
 * What the library reports about one cartridge.
 *
 * @param label      the volume label's text, e.g. {@code VOL1LF0001}; empty while blank
 * @param location   where it is in the library; null for a cartridge outside one
 * @param usedBytes  bytes in its data file up to end-of-data
 * @param tapeFiles  complete tape files after the volume label
 */
public record CartridgeInfo(Barcode barcode, String pool, String label, Element location, long usedBytes,
        long capacity, long earlyWarning, boolean writeProtected, int tapeFiles) {

    public boolean labelled() {
        return !label.isEmpty();
    }

    public boolean scratch() {
        return Pools.SCRATCH.equals(pool);
    }
}
