package org.lanfree.fs.archive;

import java.util.Arrays;
import org.lanfree.fs.posix.Fd;
import org.lanfree.fs.posix.FileData;
import org.lanfree.fs.posix.PosixException;

/** Finds a file's data regions with {@code SEEK_DATA}/{@code SEEK_HOLE}, without reading it. */
final class SparseScanner {

    /** Past this many regions the file is archived dense: the map must fit in memory. */
    static final int MAX_REGIONS = 100_000;

    private SparseScanner() {
    }

    /**
     * The file's map, or null when it has no hole worth recording, too many regions, or lives on
     * a file system that cannot say where its holes are (then it is archived dense).
     */
    static SparseMap scan(Fd fd, long size) {
        try {
            return regions(fd, size);
        } catch (PosixException e) {
            return null;
        }
    }

    private static SparseMap regions(Fd fd, long size) throws PosixException {
        long[] offsets = new long[16];
        long[] lengths = new long[16];
        int n = 0;
        long pos = 0;
        while (pos < size) {
            long data = FileData.seekData(fd, pos);
            if (data < 0 || data >= size) {
                break;
            }
            long hole = Math.min(FileData.seekHole(fd, data), size);
            if (n == MAX_REGIONS) {
                return null;
            }
            if (n == offsets.length) {
                offsets = Arrays.copyOf(offsets, n * 2);
                lengths = Arrays.copyOf(lengths, n * 2);
            }
            offsets[n] = data;
            lengths[n] = hole - data;
            n++;
            pos = hole;
        }
        if (n == 1 && offsets[0] == 0 && lengths[0] == size) {
            return null;
        }
        long end = n == 0 ? 0 : offsets[n - 1] + lengths[n - 1];
        if (end < size || n == 0) {
            if (n == offsets.length) {
                offsets = Arrays.copyOf(offsets, n + 1);
                lengths = Arrays.copyOf(lengths, n + 1);
            }
            offsets[n] = size;
            lengths[n] = 0;
            n++;
        }
        return new SparseMap(Arrays.copyOf(offsets, n), Arrays.copyOf(lengths, n), size);
    }
}
