package org.lanfree.media.vtl;

import java.util.Arrays;

/**
 * The filemarks of one cartridge in order: each one's record number and data-file offset. Tape
 * file {@code f} runs from the record after filemark {@code f-1} (or record 0) up to filemark
 * {@code f}. Not thread-safe: the owning {@link FileCartridge} serialises calls.
 */
final class Filemarks implements CartridgeMeta.Layout {

    private long[] records = new long[16];
    private long[] offsets = new long[16];
    private int count;
    private long totalRecords;
    private long dataEnd;

    void add(long record, long offset) {
        if (count == records.length) {
            records = Arrays.copyOf(records, count * 2);
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        records[count] = record;
        offsets[count] = offset;
        count++;
    }

    /** Forgets the filemarks at record {@code record} and after. */
    void truncate(long record) {
        while (count > 0 && records[count - 1] >= record) {
            count--;
        }
    }

    /** Records the end of data the meta file shows. */
    void endOfData(long records, long dataEnd) {
        this.totalRecords = records;
        this.dataEnd = dataEnd;
    }

    @Override
    public long records() {
        return totalRecords;
    }

    @Override
    public long dataEnd() {
        return dataEnd;
    }

    @Override
    public int filemarks() {
        return count;
    }

    @Override
    public long filemarkRecord(int k) {
        return records[k];
    }

    @Override
    public long filemarkOffset(int k) {
        return offsets[k];
    }

    /** The tape file a record lies in: the number of filemarks before it. */
    int fileOf(long record) {
        int i = Arrays.binarySearch(records, 0, count, record);
        return i >= 0 ? i : -i - 1;
    }

    /** The first record of tape file {@code file}; file {@code count} starts after the last filemark. */
    long startOf(int file) {
        return file == 0 ? 0 : records[file - 1] + 1;
    }
}
