package org.lanfree.media.server;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.handshake.DbServerHandshake;
import org.lanfree.connect.handshake.DbServerListener;
import org.lanfree.connect.handshake.DbSession;
import org.lanfree.connect.handshake.StgGrant;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;
import org.lanfree.media.catalog.BackupKind;
import org.lanfree.media.catalog.BackupLevel;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.CatalogException;
import org.lanfree.media.catalog.Compression;
import org.lanfree.media.catalog.Dataset;
import org.lanfree.media.catalog.Job;
import org.lanfree.media.catalog.JobSpec;
import org.lanfree.media.session.BackupFacts;
import org.lanfree.media.session.BackupStreamWriter;
import org.lanfree.media.session.SessionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The well-known port where database agents call in (the client-initiated handshake). A
 * session starts with one request on its STP connection: a {@link Message.StoreBackup}, whose
 * stream the {@link BackupStreamWriter} stores on tape and answers with the verdict, or a
 * {@link Message.RestoreBackup}, which the {@link RestoreSender} answers with the backup's bytes,
 * or a {@link Message.StageSegment} or {@link Message.FetchSegment}, which open a WAL session of
 * {@link WalSessions}.
 * Only the clients of {@code agents.clients} get an STG grant.
 */
final class AgentSessions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentSessions.class);
    private static final Duration REQUEST_WAIT = Duration.ofSeconds(30);

    private final ServerConfig.Agents config;
    private final String server;
    private final Catalog catalog;
    private final BackupStreamWriter writer;
    private final RestoreSender restores;
    private final WalSessions wal;
    private final Set<String> clients;
    private DbServerListener listener;

    private AgentSessions(ServerConfig.Agents config, String server, Catalog catalog, BackupStreamWriter writer,
            RestoreSender restores, WalSessions wal) {
        this.config = config;
        this.wal = wal;
        this.server = server;
        this.catalog = catalog;
        this.writer = writer;
        this.restores = restores;
        this.clients = Set.copyOf(config.clients());
    }

    /** Registers the allowed clients in the catalog and listens on the well-known port. */
    static AgentSessions start(ServerConfig.Agents config, String server, SocketLayer layer, Catalog catalog,
                               BackupStreamWriter writer, RestoreSender restores, WalSessions wal) throws IOException {
        for (String client : config.clients()) {
            if (catalog.clients().find(client).isEmpty()) {
                // Agents call in, so the server never dials them: the catalog's address is informative only.
                catalog.clients().register(client, "localhost", null);
            }
        }
        AgentSessions sessions = new AgentSessions(config, server, catalog, writer, restores, wal);
        sessions.listener = DbServerListener.bind(layer, config.secret(), DbServerHandshake.defaultTimeouts(),
                new SockAddr.Net("127.0.0.1", config.port()), sessions::grantFor, sessions::serve);
        return sessions;
    }

    int port() throws IOException {
        return listener.address().port();
    }

    private StgGrant grantFor(String client) throws WireException {
        if (!clients.contains(client)) {
            throw new WireException(ErrorCode.REFUSED, "client '" + client + "' may not store backups on this media"
                    + " server (agents.clients: " + String.join(", ", config.clients())
                    + "); HINT: add it to agents.clients in media-server.conf and restart the media server");
        }
        return new StgGrant(config.stgGroup(), config.ring());
    }

    /** One session: the request, then the stream in one direction or the other. */
    private void serve(DbSession session) {
        int id = session.data().descriptor();
        try (session) {
            BackupFacts facts;
            try {
                Message request = new FrameReader(session.data()).readMessage(REQUEST_WAIT);
                if (request instanceof Message.RestoreBackup restore) {
                    restores.send(id, session.data(), session.client(), restore);
                    return;
                }
                if (request instanceof Message.ReadBackup read) {
                    restores.read(id, session.data(), session.client(), read);
                    return;
                }
                if (request instanceof Message.StageSegment || request instanceof Message.FetchSegment) {
                    wal.serve(id, session.data(), session.client(), request);
                    return;
                }
                if (!(request instanceof Message.StoreBackup store)) {
                    throw new WireException(ErrorCode.UNEXPECTED_FRAME, "expected StoreBackup, RestoreBackup, ReadBackup, StageSegment"
                            + " or FetchSegment to open the session, got " + request);
                }
                facts = facts(session.client(), store);
            } catch (WireException e) {
                log.warn("agents: session {} of client {} refused: {}", id, session.client(), e.getMessage());
                new FrameWriter(session.data()).writeError(e.code(), e.detail());
                return;
            }
            writer.receive(id, session.data(), facts);
        } catch (SessionException e) {
            log.warn("agents: session {} of client {} failed: {}", id, session.client(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("agents: session {} of client {} ended: {}", id, session.client(), e.getMessage());
        }
    }

    private BackupFacts facts(String client, Message.StoreBackup store) throws WireException {
        if (!store.client().equals(client)) {
            throw new WireException(ErrorCode.REFUSED, "session of client " + client + " asked to store a backup of "
                    + store.client() + "; expected its own");
        }
        try {
            BackupKind kind = BackupKind.valueOf(store.kind().toUpperCase(Locale.ROOT));
            BackupLevel level = BackupLevel.valueOf(store.level().toUpperCase(Locale.ROOT));
            Compression compression = Compression.valueOf(store.compression().toUpperCase(Locale.ROOT));
            Dataset dataset = catalog.datasets().findOrAdd(client, kind, store.dataset());
            Job job = catalog.jobs().startClaimed(JobSpec.backup(dataset.id(), level).requestedBy("agent of " + client),
                    server);
            return new BackupFacts(client, kind, store.dataset(), level, store.parentId() == 0 ? null : store.parentId(),
                    compression, config.pool(), job.id());
        } catch (CatalogException e) {
            throw new WireException(ErrorCode.INTERNAL, "the catalog refused the backup of " + client + ":"
                    + store.dataset() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new WireException(ErrorCode.MALFORMED, "StoreBackup of " + client + " has kind '" + store.kind()
                    + "', level '" + store.level() + "', compression '" + store.compression()
                    + "'; expected fs|pg|h2, full|incremental, none|zstd|lz4");
        }
    }

    @Override
    public void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }
}
