package org.lanfree.fs.restore;

/**
 * What a restore did.
 *
 * @param restored  members restored
 * @param files     regular files written (with their data), {@code dataBytes} their bytes; in a chain a
 *                  file is counted once per archive that carries it
 * @param deleted   paths an incremental's {@code .lanfree/DELETED} removed
 * @param skipped   members not restored: unselected, unsafe, or failed (the failures are warnings)
 * @param warnings  problems that did not stop the restore
 */
public record RestoreSummary(long restored, long files, long dataBytes, long deleted, long skipped, long warnings) {

    /** This summary and {@code next}'s added up: the summary of a chain so far. */
    RestoreSummary plus(RestoreSummary next) {
        return new RestoreSummary(restored + next.restored, files + next.files, dataBytes + next.dataBytes,
                deleted + next.deleted, skipped + next.skipped, warnings + next.warnings);
    }
}
