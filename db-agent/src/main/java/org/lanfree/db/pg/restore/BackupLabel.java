package org.lanfree.db.pg.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lanfree.db.pg.wal.Lsn;

/** What {@code backup_label} says about where recovery starts. */
public record BackupLabel(Lsn startLsn, int timeline) {

    private static final Pattern START = Pattern.compile("^START WAL LOCATION: ([0-9A-Fa-f]+/[0-9A-Fa-f]+)",
            Pattern.MULTILINE);
    private static final Pattern TIMELINE = Pattern.compile("^START TIMELINE: (\\d+)", Pattern.MULTILINE);

    public static BackupLabel read(Path dataDir) throws IOException {
        Path file = dataDir.resolve("backup_label");
        String text = Files.readString(file);
        Matcher start = START.matcher(text);
        Matcher tli = TIMELINE.matcher(text);
        if (!start.find() || !tli.find()) {
            throw new IOException(file + " has no START WAL LOCATION or START TIMELINE line; expected the backup_label"
                    + " of a base backup");
        }
        return new BackupLabel(Lsn.valueOf(start.group(1)), Integer.parseInt(tli.group(1)));
    }
}
