package org.lanfree.media.vtl;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One record of a cartridge's index file: the header of one block or filemark. Record {@code n}
 * (counted from 0, the volume label) is stored at byte {@code 32 * n} of the index file.
 *
 * <pre>
 * offset size  field
 *  0      1    kind     'L' volume label block, 'D' data block, 'F' filemark (ASCII)
 *  1      3    zero
 *  4      4    size     block bytes, unsigned (0 for a filemark)
 *  8      8    offset   byte offset of the block in the data file (a filemark: where the next block goes)
 * 16      4    crc32c   CRC32C of the block's bytes (0 for a filemark)
 * 20      4    file     tape file number, unsigned (a filemark belongs to the file it closes)
 * 24      4    block    block number inside that file, unsigned (a filemark: the file's block count)
 * 28      4    check    CRC32C of bytes 0-27 of this record
 * </pre>
 *
 * All integers are big-endian, so {@code od -A d -t x1 index} reads them left to right.
 */
record IndexRecord(Kind kind, int size, long offset, int crc, int file, long block) {

    static final int BYTES = 32;

    enum Kind {
        LABEL('L'), DATA('D'), FILEMARK('F');

        final byte code;

        Kind(char code) {
            this.code = (byte) code;
        }

        static Kind of(byte code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            return null;
        }
    }

    boolean isFilemark() {
        return kind == Kind.FILEMARK;
    }

    /** Where the next record's bytes start in the data file. */
    long end() {
        return offset + Integer.toUnsignedLong(size);
    }

    void encode(ByteBuffer out) {
        int start = out.position();
        out.put(kind.code).put((byte) 0).putShort((short) 0)
                .putInt(size).putLong(offset).putInt(crc).putInt(file).putInt((int) block);
        out.putInt(check(out, start));
    }

    /** Decodes the record at the buffer's position, or returns null when it is torn or not a record. */
    static IndexRecord decode(ByteBuffer in) {
        int start = in.position();
        Kind kind = Kind.of(in.get(start));
        int stored = in.getInt(start + 28);
        if (kind == null || in.get(start + 1) != 0 || in.getShort(start + 2) != 0
                || check(in, start) != stored) {
            in.position(start + BYTES);
            return null;
        }
        in.position(start + 4);
        IndexRecord r = new IndexRecord(kind, in.getInt(), in.getLong(), in.getInt(), in.getInt(),
                Integer.toUnsignedLong(in.getInt()));
        in.position(start + BYTES);
        return r;
    }

    private static int check(ByteBuffer buffer, int start) {
        CRC32C crc = new CRC32C();
        ByteBuffer header = buffer.duplicate();
        header.limit(start + 28).position(start);
        crc.update(header);
        return (int) crc.getValue();
    }
}
