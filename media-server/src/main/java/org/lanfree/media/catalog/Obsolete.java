package org.lanfree.media.catalog;

import java.time.Instant;

/** A backup delete obsolete may expire (a row of {@code v_obsolete}), and why. */
public record Obsolete(long backupId, String client, String dataset, BackupKind kind, BackupLevel level,
                       BackupStatus status, Instant endedAt, int retentionDays, long storedBytes, String reason) {
}
