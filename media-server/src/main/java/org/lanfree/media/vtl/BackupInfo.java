package org.lanfree.media.vtl;

import java.time.Instant;

/**
 * What a tape file's header says about the backup it holds. Every text is one line of printable
 * characters, as the header is read by people with {@code dd | head}.
 *
 * @param kind        {@code fs}, {@code pg} or {@code h2}
 * @param level       e.g. {@code full}, {@code incremental}
 * @param compression how the payload is compressed: {@code none} (a plain tar) or {@code zstd}
 */
public record BackupInfo(String backupId, String client, String kind, String level, Instant created,
        String compression) {

    public BackupInfo {
        line("backup id", backupId);
        line("client", client);
        line("kind", kind);
        line("level", level);
        line("compression", compression);
        if (created == null) {
            throw new IllegalArgumentException("backup " + backupId + ": created time is missing");
        }
    }

    private static void line(String what, String value) {
        if (value == null || value.isBlank() || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("backup " + what + " '" + value + "' cannot go into a tape file"
                    + " header: expected one non-empty line of printable ASCII");
        }
    }
}
