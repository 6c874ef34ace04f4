package org.lanfree.cli.demo;

import java.io.IOException;
import java.util.Locale;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.transport.ArrayHost;
import org.lanfree.cli.transport.Transfer;
import org.lanfree.cli.transport.TransferReport;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The end of a backup step as the operator reads it: how much moved how fast, the two digests
 * side by side, the verdict, and how much the array counted; the same in the summary. A
 * mismatch fails the step.
 */
final class BackupReport {

    private BackupReport() {
    }

    /** The array's {@code bytesMoved}, as the host sees it in the array's status. */
    static long bytesMoved(ArrayHost host) throws IOException {
        return Json.parse(host.driver().statusJson(), "the array").path("bytesMoved").asLong();
    }

    static void tell(DemoContext context, String section, Transfer sender, String senderName, Transfer receiver,
                     String receiverName, long arrayBytes) {
        context.say(String.format(Locale.ROOT, "moved %s in %.2f s (%.0f MB/s) as DATA frames of at most 1 MiB;"
                        + " the %s checked every frame's CRC32C",
                Bytes.format(receiver.bytes()), receiver.seconds(), receiver.mbPerSec(), receiverName));
        context.say("the array delivered " + Bytes.format(arrayBytes) + " more to receivers (its bytesMoved counter)");
        String senderLabel = "SHA-256 at the " + senderName + " (sent):";
        String receiverLabel = "SHA-256 at the " + receiverName + " (received):";
        String format = "%-" + Math.max(senderLabel.length(), receiverLabel.length()) + "s %s";
        context.say(String.format(Locale.ROOT, format, senderLabel, sender.sha256Hex()));
        context.say(String.format(Locale.ROOT, format, receiverLabel, receiver.sha256Hex()));
        boolean match = sender.ok() && receiver.ok() && sender.sha256Hex().equals(receiver.sha256Hex());
        context.say(match ? "match: the " + receiverName + " sent its digest back and both sides agree"
                : "MISMATCH: " + (receiver.ok() ? sender.problem() : receiver.problem()));
        ObjectNode n = context.summary().putObject(section);
        n.set("sender", TransferReport.json(sender));
        n.set("receiver", TransferReport.json(receiver));
        n.put("arrayBytesMoved", arrayBytes);
        n.put("match", match);
        if (!match) {
            throw CommandFailure.failed("the " + section + " backup does not check out: "
                    + (receiver.ok() ? sender.problem() : receiver.problem()));
        }
    }
}
