package org.lanfree.db.pg.jobs;

import java.io.IOException;

import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.session.MediaSession;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;

/** The media server reached through an array this host is attached to; closing detaches. */
public final class ArrayMediaTarget implements MediaTarget, AutoCloseable {

    private final ArrayDriver array;
    private final SocketLayer layer;
    private final SockAddr.Net wkp;
    private final String client;
    private final SharedSecret secret;

    private ArrayMediaTarget(ArrayDriver array, SockAddr.Net wkp, String client, SharedSecret secret) {
        this.array = array;
        this.layer = new SocketLayer(array);
        this.wkp = wkp;
        this.client = client;
        this.secret = secret;
    }

    /** Attaches as host {@code client}; the message of a failure says to start the array. */
    public static ArrayMediaTarget attach(ChannelAddress channel, SharedSecret arraySecret, String mediaHost,
            int mediaPort, String client, SharedSecret mediaSecret) throws IOException {
        try {
            return new ArrayMediaTarget(ArrayDriver.attach(channel, client, arraySecret),
                    new SockAddr.Net(mediaHost, mediaPort), client, mediaSecret);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot attach to the array at " + channel + ": " + e.getMessage()
                    + "; HINT: start the array first (lanfree up), and check array.channel and array.secret-file", e);
        }
    }

    public static ArrayMediaTarget attach(DbAgentConfig config) throws IOException {
        return attach(config.arrayChannel(), config.arraySecret(), config.mediaHost(), config.mediaPort(),
                config.clientName(), config.mediaSecret());
    }

    @Override
    public MediaSession open() throws IOException {
        try {
            return MediaSession.open(layer, wkp, client, wkp.host(), secret);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot reach the media server at " + wkp.host() + ":" + wkp.port() + " as client "
                    + client + ": " + e.getMessage() + "; HINT: check that the media server runs (lanfree status)"
                    + " and lists " + client + " in agents.clients", e);
        }
    }

    @Override
    public void close() throws IOException {
        layer.close();
        array.close();
    }
}
