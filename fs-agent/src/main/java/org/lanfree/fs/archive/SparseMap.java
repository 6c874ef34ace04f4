package org.lanfree.fs.archive;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a sparse file's data lies: regions of {@code (offset, length)} in increasing order, and the
 * file's real size. In the archive (GNU sparse format 1.0) the map opens the member's data as
 * decimal lines, the count first then offset and length of each region, padded to a block; the
 * regions' bytes follow back to back. A file ending in a hole gets a last region of length 0 at its
 * end, as GNU tar writes it.
 */
public record SparseMap(long[] offsets, long[] lengths, long realSize) {

    public SparseMap {
        if (offsets.length != lengths.length) {
            throw new IllegalArgumentException("sparse map has " + offsets.length + " offsets and " + lengths.length + " lengths");
        }
        long end = 0;
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] < end || lengths[i] < 0 || offsets[i] + lengths[i] > realSize) {
                throw new IllegalArgumentException("sparse map region " + i + " (" + offsets[i] + "+" + lengths[i]
                        + ") overlaps the one before it or passes the real size " + realSize);
            }
            end = offsets[i] + lengths[i];
        }
        offsets = offsets.clone();
        lengths = lengths.clone();
    }

    public int regions() {
        return offsets.length;
    }

    public long offset(int i) {
        return offsets[i];
    }

    public long length(int i) {
        return lengths[i];
    }

    /** The bytes of all regions together: what the archive stores after the map. */
    public long dataSize() {
        long sum = 0;
        for (long l : lengths) {
            sum += l;
        }
        return sum;
    }

    /** The map as it opens the member's data, padded with zeros to a whole block. */
    byte[] encode() {
        StringBuilder text = new StringBuilder().append(offsets.length).append('\n');
        for (int i = 0; i < offsets.length; i++) {
            text.append(offsets[i]).append('\n').append(lengths[i]).append('\n');
        }
        byte[] b = text.toString().getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(b, (int) Blocks.roundUp(b.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseMap m && realSize == m.realSize && Arrays.equals(offsets, m.offsets)
                && Arrays.equals(lengths, m.lengths);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(offsets) * 31 + Long.hashCode(realSize);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SparseMap[size=").append(realSize);
        for (int i = 0; i < offsets.length; i++) {
            s.append(' ').append(offsets[i]).append('+').append(lengths[i]);
        }
        return s.append(']').toString();
    }
}
