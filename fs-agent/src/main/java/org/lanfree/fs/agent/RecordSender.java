package org.lanfree.fs.agent;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.lanfree.connect.wire.FileRecord;
import org.lanfree.connect.wire.FileRecordBatches;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.fs.archive.ArchiveEntry;
import org.lanfree.fs.archive.ArchiveListener;
import org.lanfree.fs.archive.CatalogFacts;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.tree.ChangeDetector;
import org.lanfree.fs.tree.Fingerprint;
import org.lanfree.fs.tree.FsEntry;

/**
 * Tells the media server, on the control channel, what a backup archived and what it found
 * deleted, in {@link FileRecordBatches}: the catalog's file entries, so {@code list files}
 * answers without touching tape.
 */
final class RecordSender implements ArchiveListener {

    private final FileRecordBatches batches;

    RecordSender(FrameWriter control) {
        this.batches = new FileRecordBatches(control);
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
        batches.flush();
    }

    private void add(FileRecord r) {
        try {
            batches.add(r);
        } catch (IOException e) {
            // The archiver's callback cannot throw; the archive stream fails with the same connection.
            throw new UncheckedIOException("cannot send file records to the media server: " + e.getMessage(), e);
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
