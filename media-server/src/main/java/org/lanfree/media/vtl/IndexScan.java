package org.lanfree.media.vtl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a cartridge's index when it is opened and decides how much of it stands. A record stands
 * when its check sum holds, it continues the data file where the previous record ended, it carries
 * the file and block number its place implies, and its bytes lie inside the data file. Everything
 * after the last filemark among the standing records is a tape file whose writer died before
 * closing it; the cartridge is cut back to that filemark. A bad record followed by further valid
 * filemarks is damage rather than an interrupted write, and opening fails instead of cutting
 * complete tape files away.
 */
final class IndexScan {

    private static final int CHUNK_RECORDS = 2048;

    final Filemarks filemarks = new Filemarks();
    /** Records kept: up to and including the last standing filemark. */
    long keep;
    /** Data-file bytes kept. */
    long dataEnd;
    /** Records in the index file, a torn trailing record counted as one. */
    long found;
    /** Why the scan stopped early, or null when every record stood. */
    String stop;
    /** Whether record 0 is a volume label. */
    boolean labelled;

    static IndexScan of(FileChannel index, long dataLength) throws IOException {
        IndexScan scan = new IndexScan();
        scan.run(index, dataLength);
        return scan;
    }

    private void run(FileChannel index, long dataLength) throws IOException {
        long size = index.size();
        long whole = size / IndexRecord.BYTES;
        found = (size + IndexRecord.BYTES - 1) / IndexRecord.BYTES;
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_RECORDS * IndexRecord.BYTES);
        long n = 0;
        long offset = 0;
        int file = 0;
        long block = 0;
        while (n < whole && stop == null) {
            readChunk(index, chunk, n * IndexRecord.BYTES);
            while (chunk.remaining() >= IndexRecord.BYTES && stop == null) {
                IndexRecord r = IndexRecord.decode(chunk);
                stop = problem(r, n, offset, file, block, dataLength);
                if (stop != null) {
                    break;
                }
                labelled |= n == 0 && r.kind() == IndexRecord.Kind.LABEL;
                offset = r.end();
                n++;
                if (r.isFilemark()) {
                    filemarks.add(n - 1, offset);
                    keep = n;
                    dataEnd = offset;
                    file++;
                    block = 0;
                } else {
                    block++;
                }
            }
        }
        if (stop == null && size % IndexRecord.BYTES != 0) {
            stop = "record " + whole + " is torn (" + size % IndexRecord.BYTES + " of " + IndexRecord.BYTES
                    + " bytes)";
        }
        if (stop != null && filemarkAfter(index, n + 1, whole)) {
            throw new IOException("the index is damaged at record " + n + " (" + stop + "), but complete tape"
                    + " files follow it; refusing to cut them away");
        }
    }

    private static String problem(IndexRecord r, long n, long offset, int file, long block, long dataLength) {
        if (r == null) {
            return "record " + n + " fails its check sum";
        }
        if (r.kind() == IndexRecord.Kind.LABEL && n != 0) {
            return "record " + n + " is a label, expected only at record 0";
        }
        if (r.offset() != offset || r.file() != file || r.block() != block) {
            return "record " + n + " says offset " + r.offset() + ", address " + r.file() + ":" + r.block()
                    + "; expected offset " + offset + ", address " + file + ":" + block;
        }
        if (r.end() > dataLength) {
            return "record " + n + " ends at byte " + r.end() + " but the data file holds " + dataLength;
        }
        return null;
    }

    private static boolean filemarkAfter(FileChannel index, long from, long whole) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_RECORDS * IndexRecord.BYTES);
        for (long n = from; n < whole; ) {
            readChunk(index, chunk, n * IndexRecord.BYTES);
            while (chunk.remaining() >= IndexRecord.BYTES) {
                IndexRecord r = IndexRecord.decode(chunk);
                n++;
                if (r != null && r.isFilemark()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void readChunk(FileChannel index, ByteBuffer chunk, long at) throws IOException {
        chunk.clear();
        while (chunk.hasRemaining()) {
            if (index.read(chunk, at + chunk.position()) < 0) {
                break;
            }
        }
        chunk.flip();
        chunk.limit(chunk.limit() - chunk.limit() % IndexRecord.BYTES);
    }
}
