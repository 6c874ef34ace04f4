package org.lanfree.connect.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The payload of an END frame: the SHA-256 of the DATA payloads of the segment it closes.
 *
 * <pre>
 * end = sha256:byte[32]
 * </pre>
 */
public record SegmentEnd(byte[] sha256) {

    public static final int SHA256_BYTES = 32;

    public SegmentEnd {
        if (sha256.length != SHA256_BYTES) {
            throw new IllegalArgumentException("a SHA-256 is " + SHA256_BYTES + " bytes, not "
                    + sha256.length);
        }
        sha256 = sha256.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    public void encode(ByteBuffer out) {
        out.put(sha256);
    }

    public static SegmentEnd decode(ByteBuffer in) throws WireException {
        if (in.remaining() != SHA256_BYTES) {
            throw new WireException(ErrorCode.MALFORMED, "END payload is " + in.remaining()
                    + " bytes but a SHA-256 is " + SHA256_BYTES);
        }
        byte[] digest = new byte[SHA256_BYTES];
        in.get(digest);
        return new SegmentEnd(digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SegmentEnd end && Arrays.equals(sha256, end.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "SegmentEnd[sha256=" + HexFormat.of().formatHex(sha256) + "]";
    }
}
