package org.lanfree.cli.h2;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lanfree.cli.console.Json;

/** What {@code backup h2} reports, whichever way the backup ran. */
record BackupOutcome(long backupId, String dataset, String sha256, long databaseBytes, long archiveBytes,
                     double seconds, String mode) {

    ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("backupId", backupId).put("kind", "h2").put("dataset", dataset).put("sha256", sha256)
                .put("databaseBytes", databaseBytes).put("archiveBytes", archiveBytes)
                .put("seconds", Math.round(seconds * 1000) / 1000.0).put("mode", mode);
        return o;
    }
}
