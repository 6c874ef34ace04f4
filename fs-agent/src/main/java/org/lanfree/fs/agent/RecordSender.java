package org.lanfree.fs.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.lanfree.connect.wire.FileRecord;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.fs.archive.ArchiveEntry;
import org.lanfree.fs.archive.ArchiveListener;
import org.lanfree.fs.archive.CatalogFacts;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.tree.ChangeDetector;
import org.lanfree.fs.tree.Fingerprint;
import org.lanfree.fs.tree.FsEntry;

/**
 * Tells the media server, on the control channel, what a backup archived and what it found
 * deleted, in {@link Message.FileRecords} batches of about {@link #BATCH_BYTES}: the catalog's
 * file entries, so {@code list files} answers without touching tape.
 */
final class RecordSender implements ArchiveListener {

    static final int BATCH_BYTES = 48 * 1024;

    private final FrameWriter control;
    private final List<FileRecord> batch = new ArrayList<>();
    private int batchBytes;
    private long sent;

    RecordSender(FrameWriter control) {
        this.control = control;
    }

    @Override
    public void archived(FsEntry entry, ArchiveEntry member, long offset, ChangeDetector.Change change, byte[] sha256,
            boolean changedWhileRead) {
        add(record(CatalogFacts.archived(entry, offset, change, changedWhileRead)));
    }

    @Override
    public void deleted(Fingerprint gone) {
        add(record(CatalogFacts.deleted(gone)));
    }

    /** Sends what is batched. */
    void flush() throws IOException {
        if (!batch.isEmpty()) {
            control.writeMessage(new Message.FileRecords(batch));
            sent += batch.size();
            batch.clear();
            batchBytes = 0;
        }
    }

    long sent() {
        return sent;
    }

    private void add(FileRecord r) {
        batch.add(r);
        batchBytes += r.encodedBytes();
        if (batchBytes >= BATCH_BYTES || batch.size() == 0xffff) {
            try {
                flush();
            } catch (IOException e) {
                // The archiver's callback cannot throw; the archive stream fails with the same connection.
                throw new UncheckedIOException("cannot send file records to the media server: " + e.getMessage(), e);
            }
        }
    }

    /** The backup's root folder itself: its relative path is empty, which the catalog writes as {@code .}. */
    static final byte[] ROOT = {'.'};

    static FileRecord record(CatalogFacts f) {
        return new FileRecord(wirePath(f.path()), Character.toUpperCase(f.state()), f.type(), f.size(), f.mode(),
                f.uid(), f.gid(), f.mtimeNs(), f.ctimeNs(), f.inode(), (int) Math.min(Integer.MAX_VALUE, f.nlink()),
                f.rdev(), bytes(f.linkTarget()), bytes(f.xattrs()), f.archiveOffset());
    }

    static byte[] wirePath(ByteString path) {
        return path.isEmpty() ? ROOT.clone() : path.toByteArray();
    }

    static ByteString treePath(byte[] wire) {
        return java.util.Arrays.equals(wire, ROOT) ? ByteString.EMPTY : ByteString.of(wire);
    }

    private static byte[] bytes(ByteString s) {
        return s == null ? new byte[0] : s.toByteArray();
    }
}
