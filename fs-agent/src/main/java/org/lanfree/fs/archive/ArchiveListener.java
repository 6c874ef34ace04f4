package org.lanfree.fs.archive;

import org.lanfree.fs.tree.ChangeDetector;
import org.lanfree.fs.tree.Fingerprint;
import org.lanfree.fs.tree.FsEntry;

/** Told about each member as a backup writes it: what the catalog records and what progress shows. */
public interface ArchiveListener {

    ArchiveListener NONE = new ArchiveListener() {
    };

    /**
     * A member was written at archive offset {@code offset}.
     *
     * @param sha256           the SHA-256 of the file's content as archived, else null
     * @param changedWhileRead the file changed while it was read: the archived copy may mix old and new data
     */
    default void archived(FsEntry entry, ArchiveEntry member, long offset, ChangeDetector.Change change, byte[] sha256,
                          boolean changedWhileRead) {
    }

    /** An incremental found that the previous backup's {@code gone} is no longer in the tree (the catalog records a deletion). */
    default void deleted(Fingerprint gone) {
    }

    /** {@code bytes} more bytes of a file's data were read (called once per buffer). */
    default void dataRead(FsEntry entry, long bytes) {
    }
}
