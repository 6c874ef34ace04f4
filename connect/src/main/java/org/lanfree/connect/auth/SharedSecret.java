package org.lanfree.connect.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The key both sides of a connection hold. Never printed. */
public final class SharedSecret {

    /** Fewest bytes a secret may have. */
    public static final int MIN_BYTES = 16;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final int length;

    private SharedSecret(byte[] bytes) {
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("shared secret is " + bytes.length
                    + " bytes but at least " + MIN_BYTES + " are required;"
                    + " HINT: generate one with: head -c 32 /dev/urandom | base64");
        }
        this.key = new SecretKeySpec(bytes.clone(), HMAC);
        this.length = bytes.length;
    }

    public static SharedSecret of(byte[] bytes) {
        return new SharedSecret(bytes);
    }

    /** The secret whose bytes are the UTF-8 encoding of {@code text}. */
    public static SharedSecret ofUtf8(String text) {
        return new SharedSecret(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * HMAC-SHA256 under this secret of a label followed by the parts, for protocols other than
     * the framed handshake (the array channel's challenge-response). Distinct labels keep one
     * side's proof from being replayed as the other's.
     */
    public byte[] prove(String label, byte[]... parts) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        int n = l.length;
        for (byte[] p : parts) {
            n += p.length;
        }
        java.nio.ByteBuffer t = java.nio.ByteBuffer.allocate(n).put(l);
        for (byte[] p : parts) {
            t.put(p);
        }
        return hmac(t.array());
    }

    /** Whether {@code proof} equals this secret's proof of the same label and parts (constant time). */
    public boolean verifies(byte[] proof, String label, byte[]... parts) {
        return java.security.MessageDigest.isEqual(proof, prove(label, parts));
    }

    /** HMAC-SHA256 of {@code data} under this secret. */
    byte[] hmac(byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JVM cannot compute " + HMAC, e);
        }
    }

    @Override
    public String toString() {
        return "SharedSecret[" + length + " bytes]";
    }
}
