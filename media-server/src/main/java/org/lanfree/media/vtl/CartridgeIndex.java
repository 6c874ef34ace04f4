package org.lanfree.media.vtl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The index file of one cartridge: fixed-size {@link IndexRecord}s, one per block or filemark.
 * Appended records wait in a batch and reach the file in one write when the batch fills, when
 * the cartridge is synced, or before they are truncated; reads see both. Not thread-safe: the
 * owning {@link FileCartridge} serialises calls.
 */
final class CartridgeIndex {

    private static final int BATCH_RECORDS = 512;

    private final FileChannel channel;
    private final ByteBuffer batch = ByteBuffer.allocate(BATCH_RECORDS * IndexRecord.BYTES);
    private final ByteBuffer one = ByteBuffer.allocate(IndexRecord.BYTES);
    private long written;

    /** Takes over an index file whose first {@code records} records are valid and in the file. */
    CartridgeIndex(FileChannel channel, long records) {
        this.channel = channel;
        this.written = records;
    }

    long count() {
        return written + batch.position() / IndexRecord.BYTES;
    }

    IndexRecord get(long n) throws IOException {
        if (n < 0 || n >= count()) {
            throw new IllegalArgumentException("index record " + n + " does not exist; the index holds "
                    + count() + " records");
        }
        if (n >= written) {
            ByteBuffer view = batch.duplicate();
            view.position((int) (n - written) * IndexRecord.BYTES);
            return decodeOrFail(view, n);
        }
        one.clear();
        long at = n * IndexRecord.BYTES;
        while (one.hasRemaining()) {
            if (channel.read(one, at + one.position()) < 0) {
                throw new IOException("index record " + n + " lies past the end of the index file");
            }
        }
        one.flip();
        return decodeOrFail(one, n);
    }

    private static IndexRecord decodeOrFail(ByteBuffer buffer, long n) throws IOException {
        IndexRecord r = IndexRecord.decode(buffer);
        if (r == null) {
            throw new IOException("index record " + n + " fails its check sum");
        }
        return r;
    }

    void append(IndexRecord record) throws IOException {
        if (!batch.hasRemaining()) {
            flush();
        }
        record.encode(batch);
    }

    /** Writes the batch to the file (not forced). */
    void flush() throws IOException {
        batch.flip();
        long at = written * IndexRecord.BYTES;
        int records = batch.remaining() / IndexRecord.BYTES;
        while (batch.hasRemaining()) {
            at += channel.write(batch, at);
        }
        written += records;
        batch.clear();
    }

    /** Writes the batch and forces the index file's data to disk. */
    void force() throws IOException {
        flush();
        channel.force(false);
    }

    /** Drops records {@code n} and after, in the batch and in the file (then forced). */
    void truncate(long n) throws IOException {
        if (n >= written) {
            batch.position((int) (n - written) * IndexRecord.BYTES);
            return;
        }
        batch.clear();
        channel.truncate(n * IndexRecord.BYTES);
        channel.force(false);
        written = n;
    }

    /** Writes the batch (not forced) and closes the file. */
    void close() throws IOException {
        try (channel) {
            flush();
        }
    }
}
