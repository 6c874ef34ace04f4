package org.lanfree.fs.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.daemon.StopSignals;
import org.lanfree.connect.handshake.FsAgentHandshake;
import org.lanfree.connect.handshake.FsAgentListener;
import org.lanfree.connect.stp.ArrayDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fs-agent daemon: attached to the array as its client, listening on its well-known port and
 * the next one for the media server; every session runs on a virtual thread of its own.
 */
public final class FsAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FsAgent.class);

    private final AgentConfig config;
    private final ArrayDriver array;
    private final SocketLayer layer;
    private final FsAgentListener listener;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closed;

    private FsAgent(AgentConfig config, ArrayDriver array, SocketLayer layer, FsAgentListener listener) {
        this.config = config;
        this.array = array;
        this.layer = layer;
        this.listener = listener;
    }

    /** Attaches to the array and listens; fails naming what to fix. */
    public static FsAgent start(AgentConfig config) throws IOException {
        ArrayDriver array;
        try {
            array = ArrayDriver.attach(config.arrayChannel(), config.client(), config.arraySecret());
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot attach to the array at " + config.arrayChannel() + ": " + e.getMessage()
                    + "; HINT: start the array first, and check array.channel and array.secret-file in "
                    + config.file(), e);
        }
        SocketLayer layer = new SocketLayer(array);
        SessionDispatcher sessions = new SessionDispatcher(config.client());
        FsAgentListener listener;
        try {
            listener = FsAgentListener.bind(layer, config.secret(), FsAgentHandshake.defaultTimeouts(),
                    new SockAddr.Net(config.host(), config.port()),
                    session -> Thread.ofVirtual().name("fs-session-" + session.token()).start(() -> sessions.serve(session)));
        } catch (IOException | RuntimeException e) {
            layer.close();
            array.close();
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + " and the port after it: "
                    + e.getMessage() + "; HINT: pick a free pair with agent.port in " + config.file(), e);
        }
        log.info("fs-agent {}: ready on {}:{} and {}, array {}", config.client(), config.host(), config.port(),
                config.port() + 1, config.arrayChannel());
        return new FsAgent(config, array, layer, listener);
    }

    public AgentConfig config() {
        return config;
    }

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
        for (AutoCloseable part : new AutoCloseable[] {listener, layer, array}) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("fs-agent: closing {}: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
        log.info("fs-agent {}: stopped", config.client());
        stopped.countDown();
    }

    /**
     * Runs the agent in the foreground until SIGTERM or SIGINT. Returns the exit code: 0 after a
     * clean stop, 2 for a bad configuration, 1 when it cannot start.
     */
    public static int runForeground(Path configFile) {
        AgentConfig config;
        try {
            config = AgentConfigReader.read(configFile);
        } catch (AgentConfigException e) {
            System.err.println("fs-agent: bad configuration " + configFile.toAbsolutePath() + ": " + e.getMessage());
            return 2;
        }
        FsAgent agent;
        try {
            agent = start(config);
        } catch (IOException e) {
            System.err.println("fs-agent: cannot start: " + e.getMessage());
            return 1;
        }
        StopSignals.onTermOrInt("fs-agent", agent::close);
        System.out.println("fs-agent ready");
        System.out.flush();
        agent.awaitStop();
        return 0;
    }
}
