package org.lanfree.media.vtl;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The data file of one cartridge: block bytes back to back, written and read with positional
 * channel I/O straight from and into the caller's buffers, each block's CRC32C computed on the way.
 * Not thread-safe: the owning {@link FileCartridge} serialises calls.
 */
final class DataFile implements Closeable {

    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();

    DataFile(FileChannel channel) {
        this.channel = channel;
    }

    /** Writes the remaining bytes of {@code block} at {@code offset} and returns their CRC32C. */
    int write(ByteBuffer block, long offset) throws IOException {
        crc.reset();
        crc.update(block.duplicate());
        long pos = offset;
        try {
            while (block.hasRemaining()) {
                pos += channel.write(block, pos);
            }
        } catch (IOException e) {
            try {
                channel.truncate(offset);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        return (int) crc.getValue();
    }

    /**
     * Reads {@code size} bytes at {@code offset} into {@code dst} and returns their CRC32C; fails with
     * {@link EOFException} when the file ends first.
     */
    int read(ByteBuffer dst, long offset, int size) throws IOException {
        int start = dst.position();
        int limit = dst.limit();
        dst.limit(start + size);
        try {
            while (dst.hasRemaining()) {
                if (channel.read(dst, offset + dst.position() - start) < 0) {
                    throw new EOFException("the data file ends at byte " + channel.size() + ", inside the block"
                            + " (bytes " + offset + "-" + (offset + size - 1) + ")");
                }
            }
        } finally {
            dst.limit(limit);
        }
        crc.reset();
        crc.update(dst.duplicate().position(start).limit(start + size));
        return (int) crc.getValue();
    }

    void truncate(long size) throws IOException {
        channel.truncate(size);
    }

    /** Forces the file's data to disk (fdatasync). */
    void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
