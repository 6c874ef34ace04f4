package org.lanfree.media.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.handshake.FsServerHandshake;
import org.lanfree.connect.handshake.FsSession;
import org.lanfree.connect.handshake.StgGrant;
import org.lanfree.connect.wire.FileRecord;
import org.lanfree.connect.wire.FileRecordBatches;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.media.catalog.Backup;
import org.lanfree.media.catalog.BackupKind;
import org.lanfree.media.catalog.BackupLevel;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.Client;
import org.lanfree.media.catalog.Compression;
import org.lanfree.media.catalog.Dataset;
import org.lanfree.media.catalog.FileEntry;
import org.lanfree.media.catalog.Job;
import org.lanfree.media.catalog.JobKind;
import org.lanfree.media.catalog.JobSpec;
import org.lanfree.media.catalog.JobState;
import org.lanfree.media.catalog.PolicySpec;
import org.lanfree.media.session.BackupFacts;
import org.lanfree.media.session.BackupStreamWriter;
import org.lanfree.media.session.JobProgress;
import org.lanfree.media.session.SessionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * File-tree backups and restores, which the media server starts: it dials the client's fs-agent
 * (the server-initiated handshake), and runs the session as a job in the background; the operator
 * follows the job. A backup's archive goes to tape through the {@link BackupStreamWriter}, its
 * file records into the catalog ({@link TreeBackupRun}); an incremental is first told the files
 * of the tree as of its parent, so the agent reads only what changed. A restore sends the
 * archives of the backup's chain, the full first.
 *
 * <pre>
 * backup.fs  {client, path, level}                 → {jobId, client, dataset, level}
 * restore.fs {backup, target, paths?, force?, client?} → {jobId, backup, client, archives}
 * </pre>
 */
final class TreeSessions {

    private static final Logger log = LoggerFactory.getLogger(TreeSessions.class);
    private static final Duration DONE_WAIT = Duration.ofMinutes(10);

    private final ServerConfig.Agents agents;
    private final String server;
    private final SocketLayer layer;
    private final Catalog catalog;
    private final BackupStreamWriter writer;
    private final RestoreSender restores;
    private final AtomicLong sessions = new AtomicLong();

    TreeSessions(ServerConfig.Agents agents, String server, SocketLayer layer, Catalog catalog,
            BackupStreamWriter writer, RestoreSender restores) {
        this.agents = agents;
        this.server = server;
        this.layer = layer;
        this.catalog = catalog;
        this.writer = writer;
        this.restores = restores;
    }

    /** Starts a backup of {@code path} on {@code client}; returns at once with the job. */
    ObjectNode startBackup(String clientName, String path, BackupLevel level) {
        Client client = dialable(clientName);
        if (path.isEmpty() || !path.startsWith("/")) {
            throw new AdminException("BAD_REQUEST", "path '" + path + "' is not absolute; HINT: give the folder on "
                    + clientName + " to back up, e.g. /srv/data");
        }
        Dataset dataset = catalog.datasets().findOrAdd(clientName, BackupKind.FS, path);
        Backup parent = level == BackupLevel.INCREMENTAL ? catalog.backups().latestGood(dataset.id()).orElse(null) : null;
        BackupLevel actual = parent == null ? BackupLevel.FULL : level;
        Job job = catalog.jobs().startClaimed(JobSpec.backup(dataset.id(), actual).requestedBy("operator"), server);
        String name = "fs session " + sessions.incrementAndGet();
        Thread.ofVirtual().name(name).start(() -> runBackup(name, job, client, dataset, actual, parent));
        if (actual != level) {
            log.info("{}: no good backup of {}:{} yet; the incremental runs as a full", name, clientName, path);
        }
        return AdminProtocol.JSON.createObjectNode().put("jobId", job.id()).put("client", clientName)
                .put("dataset", path).put("level", actual.code());
    }

    /** Starts a restore of backup {@code backupId} into {@code target} on the client; returns at once with the job. */
    ObjectNode startRestore(long backupId, String clientName, String target, List<String> paths, boolean force)
            throws IOException {
        Backup backup = BackupListing.require(catalog, backupId);
        if (backup.kind() != BackupKind.FS) {
            throw new AdminException("BAD_REQUEST", "backup " + backupId + " is a " + backup.kind().code()
                    + " backup; restore fs takes file-tree backups. HINT: use restore " + backup.kind().code());
        }
        if (target.isEmpty() || !target.startsWith("/")) {
            throw new AdminException("BAD_REQUEST", "target '" + target + "' is not absolute; HINT: give a folder"
                    + " on the client, e.g. /tmp/restore");
        }
        String to = clientName == null ? backup.client() : clientName;
        Client client = dialable(to);
        List<Backup> chain = catalog.backups().chain(backupId);
        for (Backup b : chain) {
            String refusal = restores.refusal(b);
            if (refusal != null) {
                throw new AdminException("BAD_REQUEST", "cannot restore backup " + backupId + ": " + refusal);
            }
        }
        Job job = catalog.jobs().startClaimed(new JobSpec(JobKind.RESTORE, client.id(), backup.datasetId(), null, 0,
                "operator", "{\"backup\":" + backupId + "}"), server);
        catalog.jobs().attachBackup(job.id(), backupId);
        String name = "fs session " + sessions.incrementAndGet();
        Message.TreeRestore request = new Message.TreeRestore(backupId, target.getBytes(StandardCharsets.UTF_8),
                joined(paths), force, chain.size());
        Thread.ofVirtual().name(name).start(() -> runRestore(name, job, client, chain, request));
        return AdminProtocol.JSON.createObjectNode().put("jobId", job.id()).put("backup", backupId).put("client", to)
                .put("archives", chain.size());
    }

    private void runBackup(String name, Job job, Client client, Dataset dataset, BackupLevel level, Backup parent) {
        PolicySpec policy = dataset.policyId() == null ? null
                : catalog.policies().get(dataset.policyId()).map(p -> p.spec()).orElse(null);
        Compression compression = policy == null ? Compression.NONE : policy.compression();
        try (FsSession fs = dial(client)) {
            FrameWriter control = new FrameWriter(fs.control());
            control.writeMessage(new Message.TreeBackup(dataset.name(), dataset.name().getBytes(StandardCharsets.UTF_8),
                    level.code(), parent == null ? 0 : parent.id(), compression.code(),
                    policy == null ? new byte[0] : joined(policy.excludes()), policy != null && policy.oneFileSystem()));
            sendKnownFiles(control, parent);
            TreeBackupRun run = new TreeBackupRun(name, fs, catalog, job.id(), DONE_WAIT).start();
            BackupFacts facts = new BackupFacts(client.name(), BackupKind.FS, dataset.name(), level,
                    parent == null ? null : parent.id(), compression, policy == null ? agents.pool() : policy.pool(),
                    job.id());
            writer.receive(fs.token(), fs.data(), facts, run);
        } catch (SessionException e) {
            log.warn("{}: backup of {}:{} failed: {}", name, client.name(), dataset.name(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            fail(name, job, "backup of " + client.name() + ":" + dataset.name() + " failed: " + e.getMessage());
        }
    }

    private void runRestore(String name, Job job, Client client, List<Backup> chain, Message.TreeRestore request) {
        try (FsSession fs = dial(client)) {
            new FrameWriter(fs.control()).writeMessage(request);
            FrameReader control = new FrameReader(fs.control());
            Message answer = control.readMessage(Duration.ofMinutes(1));
            if (!(answer instanceof Message.SessionReady)) {
                throw new IOException("the agent answered the restore with " + answer + "; expected SessionReady");
            }
            TreeWarnings warnings = new TreeWarnings(name, fs).start();
            FrameWriter data = new FrameWriter(fs.data());
            JobProgress progress = JobProgress.of(catalog, job.id(), Duration.ofSeconds(1), Clock.systemUTC());
            for (Backup b : chain) {
                String problem = restores.stream(name, data, b, progress);
                if (problem != null) {
                    fail(name, job, problem);
                    return;
                }
            }
            Message done = control.readMessage(DONE_WAIT);
            if (!(done instanceof Message.TreeDone d)) {
                throw new IOException("the agent ended the restore with " + done + "; expected TreeDone");
            }
            catalog.jobs().progress(job.id(), d.bytes(), d.bytes(), d.files());
            warnings.await(d.warnings(), Duration.ofSeconds(5));
            long n = Math.max(d.warnings(), warnings.count());
            catalog.jobs().finish(job.id(), JobState.DONE, n == 0 ? null : n + " files with warnings, e.g. "
                    + warnings.first());
            log.info("{}: restore of backup {} to {}:{} done: {} files, {} bytes, {} warnings", name,
                    request.backupId(), client.name(), new String(request.target(), StandardCharsets.UTF_8), d.files(),
                    d.bytes(), n);
        } catch (IOException | RuntimeException e) {
            fail(name, job, "restore of backup " + request.backupId() + " to " + client.name() + " failed: "
                    + e.getMessage());
        }
    }

    /** The parent's tree as file records, then FileRecordsEnd; for a full, just FileRecordsEnd(0). */
    private void sendKnownFiles(FrameWriter control, Backup parent) throws IOException {
        FileRecordBatches records = new FileRecordBatches(control);
        if (parent != null) {
            try {
                catalog.files().forEachInTree(parent.id(), new byte[0], t -> {
                    try {
                        records.add(record(t.entry()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        records.end();
    }

    private static FileRecord record(FileEntry e) {
        return new FileRecord(e.path(), 'A', e.type().code(), e.size(), e.mode(), e.uid(), e.gid(), e.mtimeNs(),
                e.ctimeNs(), e.inode(), e.nlink(), e.rdev(), e.linkTarget(), e.xattrs(),
                e.archiveOffset() == null ? -1 : e.archiveOffset());
    }

    private FsSession dial(Client client) throws IOException {
        return new FsServerHandshake(new SockAddr.Net(client.host(), client.port()),
                new StgGrant(agents.stgGroup(), agents.ring()), FsServerHandshake.defaultTimeouts())
                .open(layer, agents.secret());
    }

    private Client dialable(String name) {
        Client client = catalog.clients().find(name).orElseThrow(() -> new AdminException("UNKNOWN_CLIENT", "client '"
                + name + "' is not in the catalog; HINT: register it with 'lanfree client add " + name
                + " --host HOST --port PORT' (the fs-agent's well-known port)"));
        if (client.port() == null || client.host() == null) {
            throw new AdminException("BAD_REQUEST", "client '" + name + "' has no fs-agent address in the catalog"
                    + " (it calls in as a database agent); HINT: register its fs-agent with 'lanfree client add "
                    + name + " --host HOST --port PORT'");
        }
        if (!client.enabled()) {
            throw new AdminException("BAD_REQUEST", "client '" + name + "' is disabled in the catalog");
        }
        return client;
    }

    private void fail(String name, Job job, String text) {
        log.warn("{}: {}", name, text);
        catalog.jobs().finish(job.id(), JobState.FAILED, text.length() <= 3900 ? text : text.substring(0, 3897) + "...");
    }

    private static byte[] joined(List<String> paths) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < paths.size(); i++) {
            if (i > 0) {
                out.write(0);
            }
            out.writeBytes(paths.get(i).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
