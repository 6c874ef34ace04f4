package org.lanfree.media.catalog;

/** A tape drive of a library: the cartridge loaded (null when empty) and the job using it (null when idle). */
public record Drive(String library, int driveNo, String name, String barcode, Long jobId) {
}
