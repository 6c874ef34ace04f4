package org.lanfree.h2plugin;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.h2.engine.Database;
import org.h2.mvstore.FileStore;
import org.h2.schema.Schema;
import org.h2.schema.Sequence;

/**
 * H2's online backup of a running database, written as a ZIP archive to any stream. The store is
 * committed first (the start point: every transaction committed before it is in the copy); then,
 * with space reuse paused so no chunk the copy needs is overwritten and writers not blocked, the
 * {@code .mv.db} file is copied as {@code FileStore.backup} (what {@code BACKUP TO} calls) copies
 * it, with one difference: H2 copies until it meets the end of the file, so under a busy writer it
 * chases the file's growth and may not end, while this copy ends where the file ended just after
 * the copy read the store header. Every chunk that header names was complete before it was read,
 * so the copy holds a complete chain of chunks at least as new as the start point. H2 opens the
 * copy at its newest complete chunk; transactions open there are rolled back.
 */
final class OnlineCopy {

    private static final int COPY_BYTES = 1 << 20;
    /** The MVStore's block (FileStore.BLOCK_SIZE, not public): the file starts with two store headers of one block each. */
    private static final int MVSTORE_BLOCK = 4096;

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
            FileStore store = db.fileStore();
            Path file = plainFile(store.getFileName());
            if (file == null) {
                store.backup(zip); // a file system of H2's own (split:, memFS:...): H2's copy, to its end
            } else {
                boolean reuse = store.isSpaceReused();
                store.setReuseSpace(false);
                try {
                    copyToHeaderTimeEnd(file, zip, progress);
                } finally {
                    store.setReuseSpace(reuse);
                }
            }
        }
        long read = zip.read();
        zip.finish();
        zip.flush();
        return read;
    }

    /** The file's path when it is a plain file ({@code /d/app.mv.db} or {@code file:/d/app.mv.db}), else null. */
    private static Path plainFile(String name) {
        String path = name.startsWith("file:") ? name.substring("file:".length()) : name;
        if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            return null;
        }
        return Path.of(path);
    }

    /** The entry H2 writes, its bytes up to the end the file had once the store header was read. */
    private static void copyToHeaderTimeEnd(Path file, ZipOutputStream zip, Progress progress) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(2 * MVSTORE_BLOCK);
            while (header.hasRemaining() && in.read(header, header.position()) > 0) {
                // both copies of the store header, read before the end is taken
            }
            long end = in.size();
            progress.copying(end);
            zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
            zip.write(header.array(), 0, (int) Math.min(header.position(), end));
            ByteBuffer buffer = ByteBuffer.allocate(COPY_BYTES);
            for (long pos = Math.min(header.position(), end); pos < end; ) {
                buffer.clear().limit((int) Math.min(COPY_BYTES, end - pos));
                int n = in.read(buffer, pos);
                if (n < 0) {
                    throw new IOException(file + " ended at " + pos + " bytes while " + end + " were copied");
                }
                zip.write(buffer.array(), 0, n);
                pos += n;
            }
            zip.closeEntry();
        }
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
