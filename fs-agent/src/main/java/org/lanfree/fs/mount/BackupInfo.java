package org.lanfree.fs.mount;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** A finished file-tree backup as the mount lists it. */
public record BackupInfo(long id, String client, String dataset, String level, String status, Instant ended) {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The folder name: end time (UTC, seconds, no colons so rsync and scp take it as a path) and id. */
    public String folderName() {
        return NAME.format(ended.truncatedTo(ChronoUnit.SECONDS)) + "-" + id;
    }

    public boolean good() {
        return status.equals("good");
    }
}
