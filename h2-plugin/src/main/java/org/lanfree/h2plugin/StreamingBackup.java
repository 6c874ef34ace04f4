package org.lanfree.h2plugin;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;

import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.session.BackupUpload;
import org.lanfree.connect.session.MediaSession;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.wire.Message;

/**
 * One full backup of a local H2 database: attach to the array, run the client-initiated handshake
 * with the media server, stream H2's online copy as the backup's payload, and take the media
 * server's verdict. Nothing touches this host's disk but H2's own reads. A failure before the
 * verdict closes the session unfinished, so the media server records the backup failed.
 */
public final class StreamingBackup {

    /** How long the media server may take to write the last blocks, check the digest and answer. */
    static final Duration VERDICT_WAIT = Duration.ofMinutes(5);

    /** What a finished backup reports. */
    public record Result(long backupId, String sha256, String dataset, long databaseBytes, long archiveBytes,
                         double seconds) {
    }

    private final PluginConfig config;

    public StreamingBackup(PluginConfig config) {
        this.config = config;
    }

    /** Backs up {@code db}; progress goes to {@code progress} and {@code log}. */
    public Result run(LocalDatabase db, Progress progress, JobLog log) throws SQLException {
        String dataset = config.dataset() != null ? config.dataset() : db.name();
        String server = config.mediaHost() + ":" + config.mediaPort();
        log.started("full", dataset, db.size(), server);
        long t0 = System.nanoTime();
        Result done = null;
        try (ArrayDriver array = attach();
             SocketLayer layer = new SocketLayer(array);
             MediaSession session = open(layer, server)) {
            checkGrant(session);
            BackupUpload upload = store(session, dataset, server);
            long read;
            try {
                read = OnlineCopy.write(db, upload, config.zipLevel(), new Progress() {
                    @Override
                    public void update(long r, long s) {
                        db.checkCanceled();
                        progress.update(r, s);
                        log.progress(r, s);
                    }

                    @Override
                    public void copying(long bytes) {
                        progress.copying(bytes);
                        log.copying(bytes);
                    }
                });
            } catch (IOException | RuntimeException e) {
                throw failure(db, LocalDatabase.isCancel(e)
                        ? "the backup was canceled (CANCEL_SESSION, Statement.cancel or a query timeout) after "
                                + upload.bytes() + " bytes"
                        : "the copy of the database failed after " + upload.bytes() + " bytes: " + e, e);
            }
            if (db.closing()) {
                throw failure(db, "the database was closed while it was being copied", null);
            }
            Message.BackupStored stored;
            try {
                stored = upload.finish(VERDICT_WAIT);
            } catch (IOException e) {
                throw PluginErrors.backup("the media server at " + server + " did not store the backup of " + dataset
                        + ": " + e.getMessage(), e);
            }
            done = new Result(stored.backupId(), stored.sha256(), dataset, read, upload.bytes(),
                    (System.nanoTime() - t0) / 1e9);
            log.good(done.backupId(), done.sha256(), read, upload.bytes());
            return done;
        } catch (SQLException e) {
            log.failed(e.getMessage());
            throw e;
        } catch (IOException e) {
            if (done != null) {
                return done; // closing the session or the array failed after the verdict: the backup is stored
            }
            SQLException failure = PluginErrors.backup("the session with the media server at " + server
                    + " failed: " + e.getMessage(), e);
            log.failed(failure.getMessage());
            throw failure;
        }
    }

    private BackupUpload store(MediaSession session, String dataset, String server) throws SQLException {
        try {
            return session.store(new Message.StoreBackup(config.client(), "h2", dataset, "full", 0, "none"));
        } catch (IOException e) {
            throw PluginErrors.backup("the media server at " + server + " did not take the backup request of "
                    + dataset + ": " + e.getMessage(), e);
        }
    }

    private ArrayDriver attach() throws SQLException {
        try {
            return ArrayDriver.attach(config.array(), config.client(), config.arraySecret());
        } catch (IOException e) {
            throw PluginErrors.backup("cannot attach to the array at " + config.array() + ": " + e.getMessage()
                    + " (array.channel in the plugin's configuration)", e);
        }
    }

    private MediaSession open(SocketLayer layer, String server) throws SQLException {
        try {
            return MediaSession.open(layer, new SockAddr.Net(config.mediaHost(), config.mediaPort()), config.client(),
                    config.callbackHost(), config.agentsSecret());
        } catch (IOException e) {
            throw PluginErrors.backup("the media server at " + server + " cannot be reached for a backup: "
                    + e.getMessage() + ". HINT: is it running ('lanfree status')? media-server in the plugin's"
                    + " configuration must be its agents.port, and agents.secret-file its agents.secret", e);
        }
    }

    private void checkGrant(MediaSession session) throws SQLException {
        int granted = session.grant() == null ? -1 : session.grant().group();
        if (config.stgGroup() >= 0 && granted != config.stgGroup()) {
            throw PluginErrors.config("the media server granted STG group " + granted + " but the plugin's"
                    + " configuration says stg.group = " + config.stgGroup() + ". HINT: make stg.group match the"
                    + " media server's agents.stg-group, or remove it");
        }
    }

    private static SQLException failure(LocalDatabase db, String message, Throwable cause) {
        String why = db.closing() ? "the database was closed during the backup (" + message + ")" : message;
        return PluginErrors.backup(why + "; the media server records this backup as failed", cause);
    }
}
