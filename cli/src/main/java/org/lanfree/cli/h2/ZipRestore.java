package org.lanfree.cli.h2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.lanfree.cli.console.CommandFailure;

/**
 * Unpacks an H2 backup archive as it streams in: its one entry, {@code NAME.mv.db}, goes to a
 * file; then the stream is read to its end so its SHA-256 is checked before the file is trusted.
 */
final class ZipRestore {

    private static final int BUFFER = 1 << 20;

    private ZipRestore() {
    }

    /** Writes the database file of {@code archive} to {@code file} (fsynced); returns its size. */
    static long extract(InputStream archive, long backupId, Path file, LongConsumer progress) throws IOException {
        ZipInputStream zip = new ZipInputStream(archive);
        ZipEntry entry = zip.getNextEntry();
        if (entry == null) {
            throw CommandFailure.failed("backup " + backupId + " holds no file: it is not an H2 backup archive");
        }
        String name = entry.getName();
        if (!name.endsWith(RestoreTarget.SUFFIX) || name.contains("/") || name.contains("\\")) {
            throw CommandFailure.failed("backup " + backupId + " holds '" + name + "'; expected one NAME.mv.db file");
        }
        long written = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream os = Channels.newOutputStream(out);
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = zip.read(buffer)) > 0; ) {
                os.write(buffer, 0, n);
                written += n;
                progress.accept(written);
            }
            if (zip.getNextEntry() != null) {
                throw CommandFailure.failed("backup " + backupId + " holds more than '" + name + "'; expected one"
                        + " NAME.mv.db file");
            }
            // The rest is the archive's directory; reading it to the end checks the stream's SHA-256.
            archive.transferTo(OutputStream.nullOutputStream());
            out.force(true);
        }
        return written;
    }
}
