package org.lanfree.fs.mount;

/**
 * One catalog row of a chain member, as {@code file_entries} holds it.
 *
 * @param depth 0 for the backup itself, 1 for its parent, ...
 * @param path  relative to the backed-up folder; {@code .} or empty for the folder itself
 */
public record EntryRow(int depth, long backupId, byte[] path, boolean deleted, char type, long size, int mode,
                       long uid, long gid, long mtimeNs, long ctimeNs, int nlink, byte[] linkTarget,
                       long archiveOffset) {
}
