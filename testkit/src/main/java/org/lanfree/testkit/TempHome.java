package org.lanfree.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A deployment folder for one test, short enough that Unix socket paths inside it stay well
 * under the kernel's limit (108 bytes, 100 checked by the array). {@code close()} deletes it.
 * JUnit's {@code @TempDir} lives under java.io.tmpdir, which may be long; this always uses /tmp.
 */
public final class TempHome implements AutoCloseable {

    /** Room left for names such as run/array.sock below the home. */
    private static final int MAX_HOME_BYTES = 60;

    private final Path dir;

    private TempHome(Path dir) {
        this.dir = dir;
    }

    /** Creates /tmp/lf-PREFIX-random. */
    public static TempHome create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "lf-" + prefix + "-");
            if (dir.toString().getBytes(StandardCharsets.UTF_8).length > MAX_HOME_BYTES) {
                delete(dir);
                throw new IllegalArgumentException("temp home " + dir + " is longer than " + MAX_HOME_BYTES
                        + " bytes; HINT: use a shorter prefix than '" + prefix + "'");
            }
            return new TempHome(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp home under /tmp: " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** A path inside the home. */
    public Path resolve(String relative) {
        return dir.resolve(relative);
    }

    /** Writes {@code text} to a file inside the home, creating folders, and returns its path. */
    public Path write(String relative, String text) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }

    @Override
    public void close() {
        try {
            delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete temp home " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
