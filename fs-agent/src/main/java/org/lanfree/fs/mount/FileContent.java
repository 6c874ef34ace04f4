package org.lanfree.fs.mount;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;

import org.lanfree.fs.archive.ArchiveEntry;
import org.lanfree.fs.archive.EntryType;
import org.lanfree.fs.archive.PaxReader;
import org.lanfree.fs.archive.SparseMap;

/**
 * Reads a file of the view from its backup's archive: its member's headers are parsed once
 * (where the data starts, the sparse map), then reads copy out of cached chunks, holes read as
 * zeros, and the chunk after each read is fetched ahead.
 */
public final class FileContent {

    private record Key(long backupId, long archiveOffset) {
    }

    private final ChunkCache cache;
    private final int readAheadChunks;
    private final ConcurrentHashMap<Key, Member> members = new ConcurrentHashMap<>();

    public FileContent(ChunkCache cache, int readAheadChunks) {
        this.cache = cache;
        this.readAheadChunks = readAheadChunks;
    }

    /** Reads up to {@code out.remaining()} bytes of {@code file} at {@code offset}; returns the count, 0 at the end. */
    public int read(Node file, long offset, ByteBuffer out) throws IOException {
        if (offset >= file.size() || !out.hasRemaining()) {
            return 0;
        }
        Member m = member(file);
        int want = (int) Math.min(out.remaining(), m.size() - offset);
        int done = 0;
        if (m.sparse() == null) {
            done = copy(m.backupId(), m.dataStart() + offset, want, out);
            readAhead(m.backupId(), m.dataStart() + offset + done);
            return done;
        }
        SparseMap map = m.sparse();
        long stored = 0;
        long pos = offset;
        long end = offset + want;
        for (int i = 0; i < map.regions() && pos < end; i++) {
            long rStart = map.offset(i);
            long rEnd = rStart + map.length(i);
            if (rEnd <= pos) {
                stored += map.length(i);
                continue;
            }
            if (rStart > pos) {
                int zeros = (int) (Math.min(rStart, end) - pos);
                zero(out, zeros);
                pos += zeros;
                done += zeros;
            }
            if (pos < end && pos >= rStart) {
                int n = (int) (Math.min(rEnd, end) - pos);
                copy(m.backupId(), m.dataStart() + stored + (pos - rStart), n, out);
                pos += n;
                done += n;
            }
            stored += map.length(i);
        }
        if (pos < end) {
            zero(out, (int) (end - pos));
            done += (int) (end - pos);
        }
        return done;
    }

    private Member member(Node file) throws IOException {
        Key key = new Key(file.dataBackupId(), file.archiveOffset());
        Member m = members.get(key);
        if (m != null) {
            return m;
        }
        if (file.archiveOffset() < 0 || file.dataBackupId() <= 0) {
            throw new DamagedDataException("file " + file.name() + " has no archive offset in the catalog; expected"
                    + " one for every archived regular file", null);
        }
        PaxReader reader = new PaxReader(new ChunkStream(cache, file.dataBackupId(), file.archiveOffset()));
        ArchiveEntry entry = reader.next();
        if (entry == null || entry.type() != EntryType.FILE) {
            throw new DamagedDataException("the archive of backup " + file.dataBackupId() + " holds "
                    + (entry == null ? "its end" : "a " + entry.type() + " member") + " at offset "
                    + file.archiveOffset() + " where the catalog puts file " + file.name()
                    + "; expected a regular file's header", null);
        }
        if (entry.size() != file.size()) {
            throw new DamagedDataException("the header of " + file.name() + " at offset " + file.archiveOffset()
                    + " of backup " + file.dataBackupId() + " says " + entry.size() + " bytes, the catalog "
                    + file.size(), null);
        }
        m = new Member(file.dataBackupId(), file.archiveOffset() + reader.position(), entry.size(), entry.sparse());
        members.put(key, m);
        return m;
    }

    private int copy(long backupId, long at, int length, ByteBuffer out) throws IOException {
        int done = 0;
        while (done < length) {
            Chunk c = cache.get(backupId, at + done);
            int from = (int) (at + done - c.start());
            int n = Math.min(length - done, c.bytes().length - from);
            if (n <= 0) {
                throw new DamagedDataException("the archive of backup " + backupId + " ends at " + (at + done)
                        + ", inside a file's data", null);
            }
            out.put(c.bytes(), from, n);
            done += n;
        }
        return done;
    }

    /**
     * Fetches the chunks after {@code next} in the background, past the file's end too: readers
     * that copy a tree (cp -r, tar, rsync) take the files in name order, which is the archive's.
     */
    private void readAhead(long backupId, long next) {
        long size = cache.chunkSize();
        for (int i = 1; i <= readAheadChunks; i++) {
            cache.prefetch(backupId, next + i * size);
        }
    }

    private static void zero(ByteBuffer out, int n) {
        for (int i = 0; i < n; i++) {
            out.put((byte) 0);
        }
    }
}
