package org.lanfree.connect.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends {@link FileRecord}s as {@link Message.FileRecords} of about {@link #BATCH_BYTES} each,
 * well inside a message frame: the media server's account of a parent tree and the agent's
 * report of what it archived both go out this way. Not thread-safe.
 */
public final class FileRecordBatches {

    public static final int BATCH_BYTES = 48 * 1024;

    private final FrameWriter out;
    private final List<FileRecord> batch = new ArrayList<>();
    private int batchBytes;
    private long sent;

    public FileRecordBatches(FrameWriter out) {
        this.out = out;
    }

    /** Adds a record; sends the batch once it is full. */
    public void add(FileRecord record) throws IOException {
        batch.add(record);
        batchBytes += record.encodedBytes();
        if (batchBytes >= BATCH_BYTES || batch.size() == 0xffff) {
            flush();
        }
    }

    /** Sends what is batched. */
    public void flush() throws IOException {
        if (!batch.isEmpty()) {
            out.writeMessage(new Message.FileRecords(batch));
            sent += batch.size();
            batch.clear();
            batchBytes = 0;
        }
    }

    /** Sends what is batched, then {@link Message.FileRecordsEnd} with the count of every record sent. */
    public void end() throws IOException {
        flush();
        out.writeMessage(new Message.FileRecordsEnd(sent));
    }

    /** Records sent so far. */
    public long sent() {
        return sent;
    }
}
