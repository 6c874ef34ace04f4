package org.lanfree.media.vtl;

/**
 * A position on a cartridge as a tape drive reports it: the tape file number (0 is the volume
 * label's file; each filemark starts the next) and the block number inside that file. Written
 * {@code file:block}, e.g. {@code 2:0} for the first block of the second tape file after the label.
 */
public final class BlockAddress implements Comparable<BlockAddress> {

    /** No position: the drive holds no cartridge. */
    public static final BlockAddress INVALID = new BlockAddress(-1, -1);

    private final int file;
    private final long block;

    private BlockAddress(int file, long block) {
        this.file = file;
        this.block = block;
    }

    public static BlockAddress of(int file, long block) {
        if (file < 0 || block < 0) {
            throw new IllegalArgumentException("block address " + file + ":" + block
                    + " is negative; expected file >= 0 and block >= 0");
        }
        return new BlockAddress(file, block);
    }

    /** Parses {@code file:block}, e.g. {@code 2:17}. */
    public static BlockAddress valueOf(String text) {
        int colon = text.indexOf(':');
        if (colon > 0) {
            try {
                return of(Integer.parseInt(text.substring(0, colon).strip()),
                        Long.parseLong(text.substring(colon + 1).strip()));
            } catch (NumberFormatException e) {
                throw invalid(text, e);
            }
        }
        throw invalid(text, null);
    }

    private static IllegalArgumentException invalid(String text, Exception cause) {
        return new IllegalArgumentException("block address '" + text + "' is not valid: expected"
                + " file:block with two whole numbers, e.g. 2:17", cause);
    }

    public int file() {
        return file;
    }

    public long block() {
        return block;
    }

    public boolean isValid() {
        return file >= 0;
    }

    @Override
    public int compareTo(BlockAddress other) {
        int byFile = Integer.compareUnsigned(file, other.file);
        return byFile != 0 ? byFile : Long.compareUnsigned(block, other.block);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockAddress a && a.file == file && a.block == block;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(file) * 31 + Long.hashCode(block);
    }

    @Override
    public String toString() {
        return isValid() ? file + ":" + block : "invalid";
    }
}
