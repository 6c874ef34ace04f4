package org.lanfree.fs.mount;

import java.io.IOException;
import java.io.InputStream;

/** An archive read from {@code offset} on through the chunk cache (for parsing a member's headers). */
final class ChunkStream extends InputStream {

    private final ChunkCache cache;
    private final long backupId;
    private long position;
    private boolean ended;

    ChunkStream(ChunkCache cache, long backupId, long offset) {
        this.cache = cache;
        this.backupId = backupId;
        this.position = offset;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (ended) {
            return -1;
        }
        Chunk c = cache.get(backupId, position);
        int at = (int) (position - c.start());
        int n = Math.min(len, c.bytes().length - at);
        if (n <= 0) {
            ended = true;
            return -1;
        }
        System.arraycopy(c.bytes(), at, b, off, n);
        position += n;
        return n;
    }
}
