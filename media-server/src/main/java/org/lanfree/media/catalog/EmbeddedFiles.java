package org.lanfree.media.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The files of an embedded catalog folder: the H2 database {@code catalog.mv.db}, and the
 * passwords of its two users, each generated on first use into a file only the owner can read
 * ({@code admin.password} for the media server's user {@code lanfree}, {@code reader.password}
 * for the read-only {@code reader} of {@link CatalogServer}).
 */
final class EmbeddedFiles {

    static final String DATABASE = "catalog";
    static final String ADMIN = "lanfree";
    static final String READER = "reader";
    private static final int SECRET_BYTES = 18;

    private EmbeddedFiles() {
    }

    /** The in-process URL of the catalog in {@code dir}. */
    static String url(Path dir) {
        // WRITE_DELAY=0: a commit reaches the file before it returns, so a media server killed
        // right after marking a backup good (or running) does not lose that row.
        return "jdbc:h2:file:" + dir.toAbsolutePath().normalize().resolve(DATABASE) + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    }

    static Path databaseFile(Path dir) {
        return dir.resolve(DATABASE + ".mv.db");
    }

    static String adminPassword(Path dir) {
        return secret(dir.resolve("admin.password"));
    }

    static String readerPassword(Path dir) {
        return secret(dir.resolve("reader.password"));
    }

    /** Reads the secret in {@code file}, creating it with a random one (mode 0600) when missing. */
    private static String secret(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] random = new byte[SECRET_BYTES];
                new SecureRandom().nextBytes(random);
                String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
                } catch (FileAlreadyExistsException raced) {
                    return read(file);
                }
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("catalog: cannot read or create password file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) throws IOException {
        String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (secret.isEmpty() || secret.contains("'")) {
            throw new IOException("password file " + file + " is empty or holds a quote; delete it to get a new one");
        }
        return secret;
    }
}
