package org.lanfree.fs.mount;

/** A cached piece of an archive: the bytes at {@code [start, start + bytes.length)} of backup {@code backupId}. */
record Chunk(long backupId, long start, byte[] bytes) {

    /** True when the archive ends inside this chunk. */
    boolean last(int chunkSize) {
        return bytes.length < chunkSize;
    }
}
