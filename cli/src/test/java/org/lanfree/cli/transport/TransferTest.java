package org.lanfree.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** How each side decides its verdict, and how a transfer reads in a line. */
class TransferTest {

    private static final byte[] A = filled(0x0a);
    private static final byte[] B = filled(0x0b);

    @Test
    void aReceiverWhoseDigestMatchesEndAndGotWhatItAskedForSaysOk() {
        Transfer t = Transfer.received("fs-server", "h:1", "stp:1/9001 -> stp:1/9000", 100,
                new Segment(100, 2_000_000_000L, A, A), "fs-agent");
        assertTrue(t.ok());
        assertNull(t.problem());
        assertEquals("received 100 B (100 bytes) from h:1 in 2.00 s, 0.0 MB/s, sha256 " + hex(A) + ", OK",
                TransferReport.line(t));
    }

    @Test
    void aReceiverWhoseDigestDiffersFromEndSaysMismatchNamingTheSendersDigest() {
        Transfer t = Transfer.received("db-server", "c at h:1", "d", -1, new Segment(10, 1, A, B), "db-agent");
        assertEquals("MISMATCH", t.verdict());
        assertEquals("the SHA-256 of the bytes received is not the one the db-agent sent in END (" + hex(B)
                + "); the data changed on the way", t.problem());
    }

    @Test
    void aReceiverThatGotFewerBytesThanItAskedForSaysMismatchEvenWhenTheDigestsAgree() {
        Transfer t = Transfer.received("fs-server", "h:1", "d", 1 << 20, new Segment(4096, 1, A, A), "fs-agent");
        assertEquals("received 4096 bytes but asked the fs-agent for 1048576", t.problem());
    }

    @Test
    void aSenderWhoseVerdictRepeatsItsDigestSaysOkAndOtherwiseMismatch() {
        assertTrue(Transfer.sent("db-agent", "h:1", "d", new Segment(1, 1, A, A), "db-server").ok());
        Transfer bad = Transfer.sent("db-agent", "h:1", "d", new Segment(1, 1, A, B), "db-server");
        assertEquals("the db-server computed SHA-256 " + hex(B)
                + " of what it received, not the one of the bytes sent; the data changed on the way", bad.problem());
        assertTrue(TransferReport.line(bad).endsWith("MISMATCH: " + bad.problem()), TransferReport.line(bad));
    }

    @Test
    void theJsonObjectCarriesBothDigestsAndTheVerdict() {
        Transfer t = Transfer.sent("db-agent", "h:1", "stp:1/9000 -> stp:1/9001",
                new Segment(1_000_000, 500_000_000L, A, B), "db-server");
        var json = TransferReport.json(t);
        assertEquals("db-agent", json.get("role").asText());
        assertEquals("sent", json.get("direction").asText());
        assertEquals(1_000_000, json.get("bytes").asLong());
        assertEquals(0.5, json.get("seconds").asDouble());
        assertEquals(2.0, json.get("mbPerSec").asDouble());
        assertEquals(hex(A), json.get("sha256").asText());
        assertEquals(hex(B), json.get("peerSha256").asText());
        assertEquals("MISMATCH", json.get("verdict").asText());
        assertEquals(t.problem(), json.get("problem").asText());
    }

    private static byte[] filled(int value) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
