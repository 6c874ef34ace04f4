package org.lanfree.connect.handshake;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.lanfree.connect.Conn;
import org.lanfree.connect.Domain;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.auth.Authenticator;
import org.lanfree.connect.auth.Role;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.wire.FrameChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media server's long-running listener on its well-known port for database agents. Each
 * accepted connection gets a thread: it is authenticated, then a {@link DbServerHandshake} runs;
 * the resulting session is handed to the handler on that thread. Strangers and failed handshakes
 * are refused with an ERROR frame and one WARN line; the listener keeps serving everyone else.
 */
public final class DbServerListener implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(DbServerListener.class);
    private static final int BACKLOG = 64;

    private final SocketLayer layer;
    private final SharedSecret secret;
    private final Authenticator auth;
    private final StateTimeouts<DbServerHandshake.State> timeouts;
    private final StgPolicy policy;
    private final Consumer<DbSession> handler;
    private final int wkp;
    private final Set<Integer> accepted = ConcurrentHashMap.newKeySet();
    private final Map<Integer, DbServerHandshake> inProgress = new ConcurrentHashMap<>();
    private final Thread acceptor;
    private volatile boolean closed;
    private final RefusalReporter refusals = new RefusalReporter("db-server", log);

    private DbServerListener(SocketLayer layer, SharedSecret secret, StateTimeouts<DbServerHandshake.State> timeouts,
            int wkp, StgPolicy policy, Consumer<DbSession> handler) {
        this.layer = layer;
        this.secret = secret;
        this.auth = new Authenticator(secret, Role.MEDIA_SERVER, Role.DB_AGENT)
                .withStateTimeout(timeouts.of(DbServerHandshake.State.AUTHENTICATING));
        this.timeouts = timeouts;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.wkp = wkp;
        this.acceptor = new Thread(this::acceptLoop, "db-server accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on {@code wkp} (port 0: any free port): socket, bind, listen. */
    public static DbServerListener bind(SocketLayer layer, SharedSecret secret,
            StateTimeouts<DbServerHandshake.State> timeouts, SockAddr.Net wkp, StgPolicy policy,
            Consumer<DbSession> handler) throws IOException {
        int fd = layer.socket(Domain.NET);
        try {
            layer.bind(fd, wkp);
            layer.listen(fd, BACKLOG);
        } catch (IOException | RuntimeException e) {
            layer.close(fd);
            throw e;
        }
        return new DbServerListener(layer, secret, timeouts, fd, policy, handler);
    }

    /** Reports every refused connection to {@code callback} (on the refusing thread), besides the log line. */
    public void onRefusal(Consumer<Refusal> callback) {
        refusals.set(callback);
    }

    /** The well-known port's address (what getsockname returns). */
    public SockAddr.Net address() throws IOException {
        return (SockAddr.Net) layer.getsockname(wkp);
    }

    /** Requests accepted whose handshake is still running. */
    public int handshakesInProgress() {
        return accepted.size();
    }

    /** Stops accepting and closes the connections of handshakes in progress; sessions handed out stay open. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        layer.close(wkp);
        inProgress.values().forEach(DbServerHandshake::close);
        for (int fd : accepted) {
            layer.close(fd);
        }
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            int fd;
            try {
                fd = layer.accept(wkp);
            } catch (IOException e) {
                if (closed || layer.state(wkp) == SocketLayer.State.CLOSED) {
                    return;
                }
                log.warn("db-server: accept on descriptor {} failed, retrying: {}", wkp, e.getMessage());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            accepted.add(fd);
            Thread connection = new Thread(() -> serve(fd), "db-server conn " + fd);
            connection.setDaemon(true);
            connection.start();
        }
    }

    private void serve(int fd) {
        SockAddr remote = null;
        try {
            FrameChannel channel;
            Conn conn = layer.conn(fd);
            try {
                channel = auth.accept(conn);
            } catch (IOException refusedAndLogged) {
                refusals.report(conn.remoteAddress(), refusedAndLogged);
                return;
            }
            remote = channel.conn().remoteAddress();
            String host = remote instanceof SockAddr.Net net ? net.host() : remote.toString();
            DbServerHandshake handshake = new DbServerHandshake(fd, host, policy, timeouts);
            inProgress.put(fd, handshake);
            if (closed) {
                closeQuietly(fd);
                return;
            }
            DbSession session = handshake.serve(layer, secret, fd, channel);
            log.info("db-server: session {} for client {} from {} is up (data {} -> {})", fd,
                    session.client(), remote, session.data().localAddress(), session.data().remoteAddress());
            deliver(session);
        } catch (IOException | RuntimeException e) {
            log.warn("db-server: refused {}: {}", remote, e.getMessage());
            refusals.report(remote, e);
            closeQuietly(fd);
        } finally {
            inProgress.remove(fd);
            accepted.remove(fd);
        }
    }

    private void deliver(DbSession session) {
        try {
            handler.accept(session);
        } catch (RuntimeException e) {
            log.warn("db-server: handler for client {} failed, closing the session: {}", session.client(), e.toString());
            try {
                session.close();
            } catch (IOException closeFailure) {
                log.debug("db-server: closing the session of {} failed: {}", session.client(), closeFailure.getMessage());
            }
        }
    }

    private void closeQuietly(int fd) {
        try {
            layer.close(fd);
        } catch (IOException e) {
            log.debug("db-server: closing descriptor {} failed: {}", fd, e.getMessage());
        }
    }
}
