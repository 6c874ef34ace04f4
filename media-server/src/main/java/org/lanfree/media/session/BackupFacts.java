package org.lanfree.media.session;

import java.util.Objects;
import org.lanfree.media.catalog.BackupKind;
import org.lanfree.media.catalog.BackupLevel;
import org.lanfree.media.catalog.Compression;
import org.lanfree.media.vtl.Pools;

/**
 * What a session knows about the backup its stream carries, from however the session was set up.
 *
 * @param dataset     the dataset's name at the client (a path, a cluster name, a database)
 * @param compression how the sender compressed the payload (the media server stores it as sent)
 * @param parentId    the backup an incremental builds on; null for a full
 * @param jobId       the catalog job this backup runs for; null when none
 */
public record BackupFacts(String client, BackupKind kind, String dataset, BackupLevel level, Long parentId,
        Compression compression, String pool, Long jobId) {

    public BackupFacts {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(compression, "compression");
        Pools.check(pool);
    }

    /** An uncompressed full backup of {@code client}'s {@code dataset} into {@code pool}. */
    public static BackupFacts full(String client, BackupKind kind, String dataset, String pool, Long jobId) {
        return new BackupFacts(client, kind, dataset, BackupLevel.FULL, null, Compression.NONE, pool, jobId);
    }
}
