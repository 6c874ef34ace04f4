package org.lanfree.media.catalog;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** Which backups {@link Backups#list} returns; every field null or empty means "any". */
public record BackupFilter(String client, Long datasetId, BackupKind kind, Instant since, Set<BackupStatus> statuses) {

    public BackupFilter {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    }

    public static BackupFilter all() {
        return new BackupFilter(null, null, null, null, Set.of());
    }

    public BackupFilter client(String name) {
        return new BackupFilter(name, datasetId, kind, since, statuses);
    }

    public BackupFilter dataset(long id) {
        return new BackupFilter(client, id, kind, since, statuses);
    }

    public BackupFilter kind(BackupKind value) {
        return new BackupFilter(client, datasetId, value, since, statuses);
    }

    /** Backups started at or after {@code instant}. */
    public BackupFilter since(Instant instant) {
        return new BackupFilter(client, datasetId, kind, instant, statuses);
    }

    public BackupFilter status(BackupStatus first, BackupStatus... more) {
        return new BackupFilter(client, datasetId, kind, since, EnumSet.of(first, more));
    }
}
