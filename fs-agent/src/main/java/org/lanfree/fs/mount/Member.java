package org.lanfree.fs.mount;

import org.lanfree.fs.archive.SparseMap;

/**
 * Where a regular file's bytes lie in its archive: the stored data starts at {@code dataStart};
 * with a sparse map, the stored bytes are the map's regions back to back and the rest reads as
 * zeros.
 */
record Member(long backupId, long dataStart, long size, SparseMap sparse) {
}
