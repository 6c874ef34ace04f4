package org.lanfree.h2plugin;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

import org.h2.engine.Database;
import org.h2.schema.Schema;
import org.h2.schema.Sequence;

/**
 * H2's online backup of a running database, written as a ZIP archive to any stream: the store is
 * committed first (the start point: every transaction committed before it is in the copy), then
 * {@code FileStore.backup} copies the {@code .mv.db} file from start to end with space reuse
 * paused, so the chunks the copy needs are never overwritten and writers are not blocked. H2
 * opens the copy at its newest complete chunk; transactions open at that point are rolled back.
 * This is what {@code BACKUP TO} does, with the file replaced by a stream.
 */
final class OnlineCopy {

    private OnlineCopy() {
    }

    /** Copies {@code db} into {@code out} (which stays open); returns the database bytes read. */
    static long write(LocalDatabase db, OutputStream out, int zipLevel, Progress progress) throws IOException {
        Database database = db.session().getDatabase();
        Counting counting = new Counting(out, progress);
        // The deflater writes 512 bytes at a time: gather them before they reach the stream.
        MeteredZip zip = new MeteredZip(new BufferedOutputStream(counting, 1 << 16), zipLevel);
        counting.zip = zip;
        flushSequences(database);
        database.flush();
        // BACKUP TO holds this lock for the copy: no two backups of one database at once.
        synchronized (database.getLobSyncObject()) {
            db.fileStore().backup(zip);
        }
        long read = zip.read();
        zip.finish();
        zip.flush();
        return read;
    }

    /**
     * Writes each sequence's exact next value, as closing the database does; otherwise the copy
     * holds the value ahead by the sequence's cache and a restored sequence skips numbers. The
     * next value handed out after this writes a new margin before it is used, so no number a
     * row in the copy holds is handed out again after a restore.
     */
    private static void flushSequences(Database database) {
        for (Schema schema : database.getAllSchemasNoMeta()) {
            for (Sequence sequence : schema.getAllSequences()) {
                sequence.flushWithoutMargin();
            }
        }
    }

    /** A ZIP stream that tells how many bytes went into its deflater (the current entry's). */
    private static final class MeteredZip extends ZipOutputStream {

        private long before;

        MeteredZip(OutputStream out, int level) {
            super(out);
            setLevel(level);
        }

        long read() {
            return before + def.getBytesRead();
        }

        @Override
        public void closeEntry() throws IOException {
            long entry = def.getBytesRead();
            super.closeEntry(); // resets the deflater
            before += entry;
        }
    }

    /** Counts the archive bytes on their way out and reports, with the database bytes read. */
    private static final class Counting extends FilterOutputStream {

        private final Progress progress;
        private MeteredZip zip;
        private long sent;

        Counting(OutputStream out, Progress progress) {
            super(out);
            this.progress = progress;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sent++;
            progress.update(zip.read(), sent);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sent += len;
            progress.update(zip.read(), sent);
        }

        /** The caller owns the stream: finishing the archive must not close it. */
        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
