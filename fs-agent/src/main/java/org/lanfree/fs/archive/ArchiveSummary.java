package org.lanfree.fs.archive;

/**
 * What a backup archived.
 *
 * @param members   tree members written (the {@code .lanfree/} ones not counted)
 * @param dataBytes file content read and archived
 * @param deleted   paths of the previous backup no longer in the tree
 * @param warnings  problems that did not stop the backup: it "completed with warnings" when non-zero
 * @param bytes     length of the archive stream
 */
public record ArchiveSummary(long members, long files, long dataBytes, long deleted, long warnings, long bytes) {

    public boolean completedWithWarnings() {
        return warnings > 0;
    }
}
