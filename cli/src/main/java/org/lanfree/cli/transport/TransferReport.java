package org.lanfree.cli.transport;

import java.util.Locale;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.console.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A transfer as the operator reads it (one line) and as a script does (one JSON object). */
public final class TransferReport {

    private TransferReport() {
    }

    /**
     * E.g. {@code received 1.00 GiB (1073741824 bytes) from 127.0.0.1:7000 in 2.01 s, 534.2 MB/s,
     * sha256 9f86…, OK}; a mismatch ends in {@code MISMATCH: } and why.
     */
    public static String line(Transfer t) {
        return String.format(Locale.ROOT, "%s %s (%d bytes) %s %s in %.2f s, %.1f MB/s, sha256 %s, %s",
                t.sender() ? "sent" : "received", Bytes.format(t.bytes()), t.bytes(), t.sender() ? "to" : "from",
                t.peer(), t.seconds(), t.mbPerSec(), t.sha256Hex(), t.ok() ? "OK" : "MISMATCH: " + t.problem());
    }

    /**
     * {@code role, peer, data, bytes, seconds, mbPerSec, sha256, peerSha256, verdict} and, for a
     * mismatch, {@code problem}.
     */
    public static ObjectNode json(Transfer t) {
        ObjectNode n = Json.object();
        n.put("role", t.role());
        n.put("direction", t.sender() ? "sent" : "received");
        n.put("peer", t.peer());
        n.put("data", t.data());
        n.put("bytes", t.bytes());
        n.put("seconds", Math.round(t.seconds() * 1000) / 1000.0);
        n.put("mbPerSec", Math.round(t.mbPerSec() * 10) / 10.0);
        n.put("sha256", t.sha256Hex());
        n.put("peerSha256", t.peerSha256Hex());
        n.put("verdict", t.verdict());
        if (!t.ok()) {
            n.put("problem", t.problem());
        }
        return n;
    }
}
