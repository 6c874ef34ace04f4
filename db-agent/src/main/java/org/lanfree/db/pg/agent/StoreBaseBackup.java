package org.lanfree.db.pg.agent;

import java.io.IOException;
import java.time.Duration;
import org.lanfree.connect.session.BackupUpload;
import org.lanfree.connect.session.MediaSession;
import org.lanfree.connect.wire.Message;
import org.lanfree.db.pg.basebackup.BackupProgress;
import org.lanfree.db.pg.basebackup.BaseBackupOptions;
import org.lanfree.db.pg.basebackup.BaseBackupResult;
import org.lanfree.db.pg.basebackup.PgBaseBackup;

/**
 * A full base backup stored by the media server as it is taken: the tar stream is the backup's
 * payload, framed and sent through the array while BASE_BACKUP and the WAL arrive, never kept
 * on the database host. If the backup fails, the caller closes the session unfinished and the
 * media server marks the backup failed.
 */
public final class StoreBaseBackup {

    /** What the media server stored, and what the backup holds. */
    public record Stored(long backupId, String sha256, BaseBackupResult backup) { }

    private final PgBaseBackup backup;
    private final String client;
    private final String dataset;
    private final Duration verdictWait;

    /**
     * @param client      the agent's client name, as listed in the media server's agents.clients
     * @param dataset     the cluster's name in the catalog
     * @param verdictWait how long the media server may take to confirm after the last byte
     */
    public StoreBaseBackup(PgBaseBackup backup, String client, String dataset, Duration verdictWait) {
        this.backup = backup;
        this.client = client;
        this.dataset = dataset;
        this.verdictWait = verdictWait;
    }

    /** Runs the backup into {@code session} (which carries only this backup) and waits for the verdict. */
    public Stored run(MediaSession session, BaseBackupOptions options, BackupProgress progress) throws IOException {
        BackupUpload upload = session.store(new Message.StoreBackup(client, "pg", dataset, "full", 0, "none"));
        BaseBackupResult result = backup.run(options, upload, progress);
        // The catalog keeps where the backup lies in the WAL: restores start fetching WAL there.
        upload.walPosition(new Message.WalPosition(result.startLsn().value(), result.endLsn().value(),
                result.timeline(), result.serverVersion()));
        Message.BackupStored stored = upload.finish(verdictWait);
        return new Stored(stored.backupId(), stored.sha256(), result);
    }
}
