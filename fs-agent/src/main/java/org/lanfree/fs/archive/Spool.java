package org.lanfree.fs.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text a backup gathers per file (checksums, warnings, deletions) kept in a temporary file until
 * the archive's last members are written, so the heap does not grow with the tree.
 */
final class Spool implements AutoCloseable {

    private final Path file;
    private final OutputStream out;
    private long size;

    Spool(String name) throws IOException {
        file = Files.createTempFile("lanfree-" + name + "-", ".spool");
        out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
    }

    void append(byte[] bytes) throws IOException {
        out.write(bytes);
        size += bytes.length;
    }

    long size() {
        return size;
    }

    /** Copies the spooled bytes into the writer's current member, which must expect exactly {@link #size()} bytes. */
    void copyTo(PaxWriter writer) throws IOException {
        out.flush();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                writer.write(buf, 0, n);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
