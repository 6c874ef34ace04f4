package org.lanfree.media.staging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers: new digests, copies of running ones, hex text, and the digest of a file's first bytes. */
final class Digests {

    private Digests() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The digest of what {@code running} has seen so far, leaving it running. */
    static byte[] copy(MessageDigest running) {
        try {
            return ((MessageDigest) running.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be copied", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** The SHA-256 of the first {@code length} bytes of {@code file}, or null when it is shorter. */
    static String ofFile(Path file, long length) throws IOException {
        MessageDigest d = sha256();
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long left = length;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (left > 0) {
                buf.clear().limit((int) Math.min(buf.capacity(), left));
                int n = ch.read(buf);
                if (n < 0) {
                    return null;
                }
                d.update(buf.flip());
                left -= n;
            }
        }
        return hex(d.digest());
    }
}
