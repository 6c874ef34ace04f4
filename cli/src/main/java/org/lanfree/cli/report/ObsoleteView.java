package org.lanfree.cli.report;

import java.io.PrintWriter;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.console.Table;
import org.lanfree.cli.list.Times;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Prints what retention lets go, as {@code report obsolete} and {@code delete obsolete} both
 * show it: the backups, the WAL ranges, the cartridges back to scratch and those skipped.
 */
final class ObsoleteView {

    private ObsoleteView() {
    }

    /** {@code verb} says what happened to the backups ("obsolete", "expired", "would expire"). */
    static void print(PrintWriter out, JsonNode result, String verb, String scratchVerb) {
        JsonNode backups = result.get("backups");
        JsonNode wal = result.get("wal");
        if (backups.isEmpty() && wal.isEmpty()) {
            out.println("no backups " + verb);
        }
        if (!backups.isEmpty()) {
            out.println("backups " + verb + ":");
            Table table = new Table("ID", "CLIENT", "DATASET", "KIND", "LEVEL", "STATUS", "ENDED", "STORED", "REASON");
            for (JsonNode b : backups) {
                table.row(b.get("id").asLong(), b.get("client").asText(), b.get("dataset").asText(),
                        b.get("kind").asText(), b.get("level").asText(), b.get("status").asText(),
                        Times.show(b.get("ended")), Bytes.format(b.get("storedBytes").asLong()),
                        b.get("reason").asText());
            }
            out.print(table.render());
        }
        if (!wal.isEmpty()) {
            out.println("WAL ranges " + verb + ":");
            Table table = new Table("ID", "CLIENT", "DATASET", "TIMELINE", "START LSN", "END LSN", "SIZE", "WHERE");
            for (JsonNode w : wal) {
                table.row(w.get("walRangeId").asLong(), w.get("client").asText(), w.get("dataset").asText(),
                        w.get("timeline").asInt(), lsn(w.get("startLsn").asLong()), lsn(w.get("endLsn").asLong()),
                        Bytes.format(w.get("bytes").asLong()), w.get("location").asText());
            }
            out.print(table.render());
        }
        JsonNode cartridges = result.get("cartridges");
        if (!cartridges.isEmpty()) {
            StringBuilder list = new StringBuilder();
            cartridges.forEach(c -> list.append(list.isEmpty() ? "" : ", ").append(c.asText()));
            out.println("cartridges " + scratchVerb + " to scratch: " + list);
        }
        for (JsonNode s : result.path("skipped")) {
            out.println("kept " + s.get("barcode").asText() + ": " + s.get("reason").asText());
        }
    }

    /** PostgreSQL's X/Y notation. */
    private static String lsn(long value) {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xffffffffL).toUpperCase();
    }
}
