package org.lanfree.media.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

import org.lanfree.connect.daemon.StopSignals;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.CatalogServer;
import org.lanfree.media.session.BackupStreamWriter;
import org.lanfree.media.session.DrivePolicy;
import org.lanfree.media.session.DrivePool;
import org.lanfree.media.session.SessionLimits;
import org.lanfree.media.staging.DiskStagingPool;
import org.lanfree.media.vtl.TapeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running media server. Start order: catalog (jobs this server left running are failed), tape
 * library with its inventory synced into the catalog, catalog server (embedded catalogs), array
 * attachment, the agents' well-known port (their backup streams go to tape), admin port. {@link #close()} stops them in reverse order and is idempotent.
 */
public final class MediaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaServer.class);

    private final ServerConfig config;
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private CatalogServer catalogServer;
    private AdminServer admin;
    private AgentSessions agents;
    private boolean closed;

    private MediaServer(ServerConfig config) {
        this.config = config;
    }

    /** Starts every part; on failure closes what had started and says which part failed. */
    public static MediaServer start(ServerConfig config) throws StartException {
        MediaServer server = new MediaServer(config);
        try {
            server.startParts();
        } catch (StartException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void startParts() throws StartException {
        Catalog catalog;
        try {
            catalog = config.catalog().open();
        } catch (RuntimeException e) {
            throw new StartException("cannot open the catalog (" + config.catalog() + "): " + e.getMessage()
                    + (e.getMessage().contains("HINT") ? "" : "; HINT: check catalog.dir or catalog.url"), e);
        }
        parts.push(catalog);
        catalog.jobs().abandon(config.name(), "media server " + config.name() + " restarted");
        TapeLibrary library;
        try {
            library = TapeLibrary.open(config.library());
        } catch (IOException | RuntimeException e) {
            throw new StartException("cannot open the tape library in " + config.library().folder() + ": "
                    + e.getMessage() + "; HINT: check the library settings and that the folder is writable", e);
        }
        parts.push(library);
        CatalogInventory inventory = new CatalogInventory(catalog, library, config.name());
        try {
            inventory.syncAll();
        } catch (IOException | RuntimeException e) {
            throw new StartException("cannot record the library's inventory in the catalog: " + e.getMessage(), e);
        }
        if (config.catalog() instanceof CatalogLocation.Embedded embedded) {
            try {
                catalogServer = CatalogServer.start(embedded.dir(), embedded.serverPort());
            } catch (RuntimeException e) {
                throw new StartException(e.getMessage() + " (catalog.server-port in " + config.file() + ")", e);
            }
            parts.push(catalogServer);
        }
        ArrayDriver array;
        try {
            array = ArrayDriver.attach(config.arrayChannel(), config.name(), config.arraySecret());
        } catch (IOException | RuntimeException e) {
            throw new StartException("cannot attach to the array at " + config.arrayChannel() + ": " + e.getMessage()
                    + "; HINT: start the array first ('lanfree up' starts it before the media server), and check"
                    + " array.channel and array.secret-file in " + config.file(), e);
        }
        parts.push(array);
        SocketLayer layer = new SocketLayer(array);
        parts.push(layer);
        DrivePool drives = new DrivePool(library, catalog,
                new DrivePolicy(config.mountWait(), DrivePolicy.defaults().recheck(), false), inventory::reflect);
        BackupStreamWriter writer = new BackupStreamWriter(catalog, drives, SessionLimits.defaults(), Clock.systemUTC());
        TapeOperations tapes = new TapeOperations(library, catalog, inventory, drives);
        RestoreSender restores = new RestoreSender(catalog, library, inventory, tapes, drives, config.name(),
                config.mountWait());
        DiskStagingPool staging;
        try {
            staging = DiskStagingPool.open(config.staging().dir(), config.staging().policy());
        } catch (IOException | RuntimeException e) {
            throw new StartException("cannot open the disk staging pool in " + config.staging().dir() + ": "
                    + e.getMessage() + " (staging.dir in " + config.file() + ")", e);
        }
        parts.push(staging);
        StagingTape stagingTape = new StagingTape(catalog, library, inventory, tapes, drives, config.staging().tapePool(),
                config.mountWait());
        parts.push(new StagingMigrator(catalog, staging, stagingTape, config.name(), config.library().blockSize(),
                config.staging().check()).start());
        WalSessions wal = new WalSessions(catalog, staging, stagingTape);
        try {
            agents = AgentSessions.start(config.agents(), config.name(), layer, catalog, writer, restores, wal);
        } catch (IOException | RuntimeException e) {
            throw new StartException("cannot listen for agents on port " + config.agents().port() + ": " + e.getMessage()
                    + " (agents.port in " + config.file() + ")", e);
        }
        parts.push(agents);
        TreeSessions trees = new TreeSessions(config.agents(), config.name(), layer, catalog, writer, restores);
        try {
            parts.push(new PolicyScheduler(catalog, config.policies(), trees, config.scheduleCheck()).start());
        } catch (RuntimeException e) {
            throw new StartException("cannot put the policies of " + config.file() + " in the catalog: "
                    + e.getMessage(), e);
        }
        try {
            admin = AdminServer.start(config.adminPort(), config.adminSecret(),
                    new AdminProtocol(config.name(), tapes, catalog,
                            new OperatorCommands(catalog, library, inventory, tapes, drives),
                            trees));
        } catch (IOException e) {
            throw new StartException("cannot listen for admin connections: " + e.getMessage()
                    + " (admin.port in " + config.file() + ")", e);
        }
        parts.push(admin);
        log.info("media-server {}: ready: admin on {}:{}, agents on {}:{}, library {} ({} drives, {} slots), catalog {}{},"
                        + " array {}", config.name(), AdminServer.HOST, admin.port(), AdminServer.HOST, agentsPort(),
                config.library().folder(), config.library().drives(), config.library().slots(), config.catalog(),
                catalogServer == null ? "" : " served at " + catalogServer.jdbcUrl(), config.arrayChannel());
    }

    public int adminPort() {
        return admin.port();
    }

    /** The well-known port where database agents call in. */
    public int agentsPort() {
        try {
            return agents.port();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The catalog server's port; -1 when the catalog is not embedded. */
    public int catalogServerPort() {
        return catalogServer == null ? -1 : catalogServer.port();
    }

    public ServerConfig config() {
        return config;
    }

    /** Blocks until {@link #close()} ran. */
    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("media-server: closing {}: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
        log.info("media-server {}: stopped", config.name());
        stopped.countDown();
    }

    /**
     * Runs the media server in the foreground until SIGTERM or SIGINT. Returns the exit code: 0
     * after a clean stop, 2 for a bad configuration, 1 when it cannot start.
     */
    public static int runForeground(Path configFile) {
        ServerConfig config;
        try {
            config = ServerConfigReader.read(configFile);
        } catch (ConfigException e) {
            System.err.println("media-server: bad configuration " + configFile.toAbsolutePath() + ": " + e.getMessage());
            return 2;
        }
        MediaServer server;
        try {
            server = start(config);
        } catch (StartException e) {
            System.err.println("media-server: cannot start: " + e.getMessage());
            return 1;
        }
        StopSignals.onTermOrInt("media-server", server::close);
        System.out.println("media-server ready");
        System.out.flush();
        server.awaitStop();
        return 0;
    }
}
