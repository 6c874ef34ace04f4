package org.lanfree.cli.transport;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One side's account of one session's transfer: which role it played, who the peer was, the STP
 * connection that carried the data, how many bytes in how long, this side's SHA-256 of them
 * and the peer's, and the verdict ({@code problem} is null when both agree).
 *
 * @param role       the role of this side, e.g. {@code fs-server}
 * @param sender     whether this side sent the segment (else it received it)
 * @param peer       the other side as the handshake saw it
 * @param data       the STP connection, {@code local -> remote}
 * @param bytes      payload bytes sent or received
 * @param nanos      from the first request or frame to the verdict
 * @param sha256     this side's SHA-256 of the payload
 * @param peerSha256 the peer's: the sender's END for a receiver, the receiver's verdict for a sender
 * @param problem    why the transfer does not check out; null when it does
 */
public record Transfer(String role, boolean sender, String peer, String data, long bytes, long nanos,
                       byte[] sha256, byte[] peerSha256, String problem) {

    private static final HexFormat HEX = HexFormat.of();

    /** A receiver's account: OK when the SHA-256 of what arrived matches END and the count what was asked. */
    static Transfer received(String role, String peer, String data, long expectedBytes, Segment got, String senderName) {
        String problem = null;
        if (!Arrays.equals(got.sha256(), got.peerSha256())) {
            problem = "the SHA-256 of the bytes received is not the one the " + senderName + " sent in END ("
                    + HEX.formatHex(got.peerSha256()) + "); the data changed on the way";
        } else if (expectedBytes >= 0 && got.bytes() != expectedBytes) {
            problem = "received " + got.bytes() + " bytes but asked the " + senderName + " for " + expectedBytes;
        }
        return new Transfer(role, false, peer, data, got.bytes(), got.nanos(), got.sha256(), got.peerSha256(), problem);
    }

    /** A sender's account: OK when the receiver's verdict repeats the SHA-256 of what was sent. */
    static Transfer sent(String role, String peer, String data, Segment sent, String receiverName) {
        String problem = Arrays.equals(sent.sha256(), sent.peerSha256()) ? null
                : "the " + receiverName + " computed SHA-256 " + HEX.formatHex(sent.peerSha256())
                        + " of what it received, not the one of the bytes sent; the data changed on the way";
        return new Transfer(role, true, peer, data, sent.bytes(), sent.nanos(), sent.sha256(), sent.peerSha256(), problem);
    }

    public boolean ok() {
        return problem == null;
    }

    /** {@code OK} or {@code MISMATCH}. */
    public String verdict() {
        return ok() ? "OK" : "MISMATCH";
    }

    public double seconds() {
        return nanos / 1e9;
    }

    /** Megabytes (10^6 bytes) per second. */
    public double mbPerSec() {
        return nanos == 0 ? 0 : bytes / 1e6 / seconds();
    }

    public String sha256Hex() {
        return HEX.formatHex(sha256);
    }

    public String peerSha256Hex() {
        return HEX.formatHex(peerSha256);
    }
}
