package org.lanfree.media.catalog;

/** A file as it was at some backup of a chain: its newest entry, and the backup whose archive holds its data. */
public record TreeEntry(long backupId, FileEntry entry) {
}
