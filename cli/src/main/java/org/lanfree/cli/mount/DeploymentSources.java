package org.lanfree.cli.mount;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.Semaphore;

import org.lanfree.array.config.ArrayConfig;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.deploy.Home;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.session.MediaSession;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.WireException;
import org.lanfree.fs.mount.ArchiveRanges;
import org.lanfree.fs.mount.CatalogView;
import org.lanfree.media.server.CatalogLocation;
import org.lanfree.media.server.ServerConfig;
import org.lanfree.media.server.ServerConfigReader;

/**
 * What a mount of a deployment reads from: the catalog as its read-only user, and archive ranges
 * from the media server through sessions over the array, attached as host {@code HOST}. Each read
 * burst opens its own session; the media server mounts a cartridge for it and gives the drive back
 * when it ends, so an idle mount holds no drive.
 */
public final class DeploymentSources implements AutoCloseable {

    /** How long a read waits for the media server to start sending (a cartridge may have to be mounted). */
    static final Duration START_WAIT = Duration.ofMinutes(5);

    /** How long a read refused for a busy drive is tried again. */
    static final Duration DRIVE_WAIT = Duration.ofSeconds(30);

    private final ServerConfig config;
    private final ArrayDriver array;
    private final SocketLayer layer;
    private final String client;
    private final Semaphore oneRead = new Semaphore(1);

    private DeploymentSources(ServerConfig config, ArrayDriver array, String client) {
        this.config = config;
        this.array = array;
        this.layer = new SocketLayer(array);
        this.client = client;
    }

    /** Attaches to the array of {@code home} as host {@code client}. */
    public static DeploymentSources attach(Home home, String client) {
        Path serverConf = home.file("media-server.conf");
        Path arrayConf = home.file("array.conf");
        if (!Files.exists(serverConf) || !Files.exists(arrayConf)) {
            throw CommandFailure.usage(home + " holds no deployment (no media-server.conf or array.conf)."
                    + " HINT: 'lanfree up --home " + home + "' creates one");
        }
        ServerConfig config;
        ArrayConfig arrayConfig;
        try {
            config = ServerConfigReader.read(serverConf);
            arrayConfig = ArrayConfigReader.read(arrayConf);
        } catch (org.lanfree.media.server.ConfigException | org.lanfree.array.config.ConfigException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        try {
            return new DeploymentSources(config, ArrayDriver.attach(ChannelAddress.unix(arrayConfig.unixSocket()),
                    client, arrayConfig.channelSecret()), client);
        } catch (IOException e) {
            throw CommandFailure.failed("the array of " + home + " does not answer at " + arrayConfig.unixSocket()
                    + " (" + e.getMessage() + "). HINT: start the deployment with 'lanfree up --home " + home + "'", e);
        }
    }

    /** The catalog's read-only SQL connection (the embedded catalog's TCP server, user {@code reader}). */
    public CatalogView catalog() {
        if (!(config.catalog() instanceof CatalogLocation.Embedded embedded)) {
            CatalogLocation.Jdbc jdbc = (CatalogLocation.Jdbc) config.catalog();
            return new CatalogView(() -> DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password()));
        }
        Path passwordFile = embedded.dir().resolve("reader.password");
        return new CatalogView(() -> {
            String password;
            try {
                password = Files.readString(passwordFile).strip();
            } catch (IOException e) {
                throw new java.sql.SQLException("cannot read the catalog reader's password from " + passwordFile
                        + ": " + e.getMessage() + ". HINT: is the media server running?", e);
            }
            return DriverManager.getConnection("jdbc:h2:tcp://localhost:" + embedded.serverPort() + "/catalog",
                    "reader", password);
        });
    }

    /**
     * Archive ranges read through a new session each, one at a time: two reads of one cartridge
     * would need its one drive at once, and the media server refuses the second rather than
     * queue it. A read refused because a drive is busy (another client's restore, say) is tried
     * again for up to {@link #DRIVE_WAIT}.
     */
    public ArchiveRanges ranges() {
        return (backupId, offset, length) -> {
            try {
                oneRead.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting to read backup " + backupId);
            }
            try {
                return new SessionStream(open(backupId, offset, length), oneRead::release);
            } catch (IOException | RuntimeException e) {
                oneRead.release();
                throw e;
            }
        };
    }

    private Ranged open(long backupId, long offset, long length) throws IOException {
        long deadline = System.nanoTime() + DRIVE_WAIT.toNanos();
        long pause = 50;
        while (true) {
            MediaSession session = MediaSession.open(layer, new SockAddr.Net("127.0.0.1", config.agents().port()),
                    client, "127.0.0.1", config.agents().secret());
            try {
                return new Ranged(session, session.read(backupId, offset, length, START_WAIT));
            } catch (WireException e) {
                session.close();
                if (!driveBusy(e) || System.nanoTime() > deadline) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                session.close();
                throw e;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for a drive");
            }
            pause = Math.min(1000, pause * 2);
        }
    }

    private static boolean driveBusy(WireException e) {
        return e.peerCode().orElse(null) == ErrorCode.REFUSED && String.valueOf(e.getMessage()).contains("in use");
    }

    @Override
    public void close() throws IOException {
        layer.close();
        array.close();
    }

    /** A session and the range it is reading. */
    private record Ranged(MediaSession session, InputStream in) {
    }

    /** The range's bytes; closing it ends the session and lets the next read go. */
    private static final class SessionStream extends java.io.FilterInputStream {
        private final MediaSession session;
        private final Runnable after;
        private boolean closed;

        SessionStream(Ranged ranged, Runnable after) {
            super(ranged.in());
            this.session = ranged.session();
            this.after = after;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                super.close();
            } finally {
                try {
                    session.close();
                } finally {
                    after.run();
                }
            }
        }
    }
}
