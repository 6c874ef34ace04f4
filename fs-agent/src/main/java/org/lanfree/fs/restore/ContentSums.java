package org.lanfree.fs.restore;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.lanfree.fs.archive.PaxReader;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.tree.Warnings;

/**
 * Checks restored files against the archive's {@code .lanfree/SHA256SUMS}. That member comes
 * last, so the SHA-256 of each file as it was written is spooled to a temporary file (path and
 * digest, in archive order: fixed heap whatever the tree) and, when the member arrives, merged
 * with its lines, which are in the same order. A file whose digest differs from its line, or
 * that has no line, is a warning naming it; lines of files not restored (unselected, failed) are
 * passed over.
 */
final class ContentSums implements AutoCloseable {

    private static final int DIGEST = 32;

    private Path file;
    private DataOutputStream out;

    /** Remembers the SHA-256 of a file's content as restored. */
    void record(ByteString path, byte[] sha256) throws IOException {
        if (out == null) {
            file = Files.createTempFile("lanfree-restored-sums-", ".spool");
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024));
        }
        out.writeInt(path.length());
        out.write(path.toByteArray());
        out.write(sha256);
    }

    /** Reads the {@code SHA256SUMS} member's data from {@code reader} and warns about each file that does not match. */
    void check(PaxReader reader, Warnings warnings) throws IOException {
        if (out == null) {
            return;
        }
        out.close();
        out = null;
        try (DataInputStream restored = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024))) {
            Spooled next = Spooled.read(restored);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = reader.read(buffer, 0, buffer.length)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        line.write(buffer, start, i - start);
                        next = onLine(line.toByteArray(), next, restored, warnings);
                        line.reset();
                        start = i + 1;
                    }
                }
                line.write(buffer, start, n - start);
            }
            for (; next != null; next = Spooled.read(restored)) {
                warnings.warn(next.path, "restored without a check: .lanfree/SHA256SUMS has no line for it");
            }
        } finally {
            Files.deleteIfExists(file);
            file = null;
        }
    }

    private static Spooled onLine(byte[] line, Spooled next, DataInputStream restored, Warnings warnings) throws IOException {
        SumLine sum = SumLine.parse(line);
        if (sum == null || next == null || !next.path.equals(sum.path)) {
            return next;
        }
        if (!Arrays.equals(next.sha256, sum.sha256)) {
            warnings.warn(next.path, "restored content does not match .lanfree/SHA256SUMS (the backup read SHA-256 "
                    + HexFormat.of().formatHex(sum.sha256) + ", restored " + HexFormat.of().formatHex(next.sha256)
                    + "); the archive is damaged at this file: HINT: restore it from another backup");
        }
        return Spooled.read(restored);
    }

    /** A digest computed while restoring. */
    private record Spooled(ByteString path, byte[] sha256) {
        static Spooled read(DataInputStream in) throws IOException {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException end) {
                return null;
            }
            byte[] path = in.readNBytes(length);
            byte[] sha = in.readNBytes(DIGEST);
            return new Spooled(ByteString.of(path), sha);
        }
    }

    /** One {@code sha256sum} line: {@code HEX  PATH}, or {@code \HEX  PATH} with {@code \\} and {@code \n} escaped. */
    record SumLine(byte[] sha256, ByteString path) {
        static SumLine parse(byte[] line) {
            boolean escaped = line.length > 0 && line[0] == '\\';
            int at = escaped ? 1 : 0;
            if (line.length < at + 2 * DIGEST + 2 || line[at + 2 * DIGEST] != ' ' || line[at + 2 * DIGEST + 1] != ' ') {
                return null;
            }
            byte[] sha;
            try {
                sha = HexFormat.of().parseHex(new String(line, at, 2 * DIGEST, java.nio.charset.StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                return null;
            }
            ByteArrayOutputStream path = new ByteArrayOutputStream(line.length);
            for (int i = at + 2 * DIGEST + 2; i < line.length; i++) {
                if (escaped && line[i] == '\\' && i + 1 < line.length) {
                    i++;
                    path.write(line[i] == 'n' ? '\n' : line[i]);
                } else {
                    path.write(line[i]);
                }
            }
            return new SumLine(sha, ByteString.of(path.toByteArray()));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
