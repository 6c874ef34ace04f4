package org.lanfree.fs.restore;

/**
 * What a restore did.
 *
 * @param skipped  members not restored: unselected, unsafe, or failed (the failures are warnings)
 * @param warnings problems that did not stop the restore
 */
public record RestoreSummary(long restored, long files, long dataBytes, long skipped, long warnings) {
}
