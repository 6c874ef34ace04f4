package org.lanfree.fs.mount;

import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes of a backup's uncompressed archive, fetched on demand. An implementation checks what it
 * returns and throws rather than hand over bytes it cannot vouch for.
 */
@FunctionalInterface
public interface ArchiveRanges {

    /**
     * The archive bytes {@code [offset, offset + length)} of backup {@code backupId}; shorter only
     * at the archive's end. The caller reads the stream to its end, where the last checks run.
     *
     * @throws DamagedDataException when the stored bytes fail their checks
     * @throws IOException          when the media server or the array cannot serve the range now
     */
    InputStream open(long backupId, long offset, long length) throws IOException;
}
