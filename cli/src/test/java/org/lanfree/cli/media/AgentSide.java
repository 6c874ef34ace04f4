package org.lanfree.cli.media;

import java.time.Duration;
import java.util.Random;

import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.session.BackupUpload;
import org.lanfree.connect.session.MediaSession;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;
import org.lanfree.connect.wire.Message;
import org.lanfree.media.server.ServerConfig;

/**
 * An agent host of a test deployment, attached to its array as {@code local}: opens sessions
 * with the media server's well-known port and stores backups through them.
 */
public final class AgentSide implements AutoCloseable {

    private final ServerConfig config;
    private final ArrayDriver array;
    private final SocketLayer layer;

    private AgentSide(ServerConfig config, ArrayDriver array) {
        this.config = config;
        this.array = array;
        this.layer = new SocketLayer(array);
    }

    public static AgentSide attach(TestDeployment deployment) throws Exception {
        var arrayConfig = ArrayConfigReader.read(deployment.file("array.conf"));
        return new AgentSide(deployment.config(), ArrayDriver.attach(ChannelAddress.unix(arrayConfig.unixSocket()),
                "local", arrayConfig.channelSecret()));
    }

    public ServerConfig config() {
        return config;
    }

    /** A new session as client {@code local}. */
    public MediaSession open() throws Exception {
        return MediaSession.open(layer, new SockAddr.Net("127.0.0.1", config.agents().port()), "local", "127.0.0.1",
                config.agents().secret());
    }

    /** Stores {@code payload} as a full backup of {@code local:dataset}; returns its id. */
    public long store(String kind, String dataset, byte[] payload) throws Exception {
        try (MediaSession session = open()) {
            BackupUpload out = session.store(new Message.StoreBackup("local", kind, dataset, "full", 0, "none"));
            out.write(payload);
            return out.finish(Duration.ofMinutes(1)).backupId();
        }
    }

    /** {@code size} bytes from a seeded generator: the same bytes for the same seed. */
    public static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Override
    public void close() throws Exception {
        layer.close();
        array.close();
    }
}
