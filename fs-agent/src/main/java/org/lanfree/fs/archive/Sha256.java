package org.lanfree.fs.archive;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A SHA-256 over data in native memory, for one thread: the JDK's (its SHA-extension intrinsic
 * hashes some 1.8 GB/s here, as fast as OpenSSL's, so no native library is worth its link), fed
 * through a 64 KiB heap buffer that stays in the CPU's cache.
 */
interface Sha256 extends AutoCloseable {

    void update(MemorySegment data, long length);

    /** The digest of everything since the last one; starts over. */
    byte[] digest();

    @Override
    void close();

    static Sha256 create() {
        return new Jdk();
    }

    /** The JDK's MessageDigest, which reads only heap arrays. */
    final class Jdk implements Sha256 {
        private final MessageDigest sha;
        private final byte[] scratch = new byte[64 * 1024];

        Jdk() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JDK has no SHA-256", e);
            }
        }

        @Override
        public void update(MemorySegment data, long length) {
            for (long at = 0; at < length; at += scratch.length) {
                int n = (int) Math.min(scratch.length, length - at);
                MemorySegment.copy(data, JAVA_BYTE, at, scratch, 0, n);
                sha.update(scratch, 0, n);
            }
        }

        @Override
        public byte[] digest() {
            return sha.digest();
        }

        @Override
        public void close() {
        }
    }
}
