package org.lanfree.connect.handshake;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.lanfree.connect.net.PortPair;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file agent's long-running listener on its well-known port (WKP) and WKP+1. Each accepted
 * connection gets a thread: it is authenticated, its first message says which leg of which
 * session it is ({@link FsAgentHandshake#legFor}), and the session's {@link FsAgentHandshake}
 * takes it from there. A session is handed to the handler, on its control connection's thread,
 * once all its channels are up. Strangers, bad frames, unknown tokens and duplicate legs are
 * refused with an ERROR frame and one WARN line; the listener keeps serving everyone else.
 */
public final class FsAgentListener implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(FsAgentListener.class);
    private static final int BACKLOG = 64;
    private static final int REMEMBERED_FAILURES = 256;

    private final SocketLayer layer;
    private final Authenticator auth;
    private final StateTimeouts<FsAgentHandshake.State> timeouts;
    private final Consumer<FsSession> handler;
    private final int wkp;
    private final int next;
    private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();
    private final Set<Integer> unattached = ConcurrentHashMap.newKeySet();
    private final Map<Integer, String> failures = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
                    return size() > REMEMBERED_FAILURES;
                }
            });
    private final List<Thread> acceptors;
    private volatile boolean closed;
    private final RefusalReporter refusals = new RefusalReporter("fs-agent", log);

    private record Session(FsAgentHandshake machine, LegRunner runner, String host) {
    }

    private FsAgentListener(SocketLayer layer, SharedSecret secret, StateTimeouts<FsAgentHandshake.State> timeouts,
            int wkp, int next, Consumer<FsSession> handler) {
        this.layer = layer;
        this.auth = new Authenticator(secret, Role.FS_AGENT, Role.MEDIA_SERVER)
                .withStateTimeout(timeouts.of(FsAgentHandshake.State.AUTHENTICATING));
        this.timeouts = timeouts;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.wkp = wkp;
        this.next = next;
        this.acceptors = List.of(acceptor(wkp, false), acceptor(next, true));
        acceptors.forEach(Thread::start);
    }

    /** Listens on {@code wkp} and the port after it: socket, bind, listen for each. */
    public static FsAgentListener bind(SocketLayer layer, SharedSecret secret,
            StateTimeouts<FsAgentHandshake.State> timeouts, SockAddr.Net wkp, Consumer<FsSession> handler)
            throws IOException {
        if (wkp.port() < 1 || wkp.port() > 65534) {
            throw new IllegalArgumentException("well-known port " + wkp.port() + " leaves no next port;"
                    + " expected 1-65534 (use serve with PortPair.bindFree for a free pair)");
        }
        int a = layer.socket(Domain.NET);
        int b = -1;
        try {
            layer.bind(a, wkp);
            layer.listen(a, BACKLOG);
            b = layer.socket(Domain.NET);
            layer.bind(b, new SockAddr.Net(wkp.host(), wkp.port() + 1));
            layer.listen(b, BACKLOG);
        } catch (IOException | RuntimeException e) {
            layer.close(a);
            if (b >= 0) {
                layer.close(b);
            }
            throw e;
        }
        return new FsAgentListener(layer, secret, timeouts, a, b, handler);
    }

    /** Serves on a pair of listeners bound already (tests: {@link PortPair#bindFree}). */
    public static FsAgentListener serve(SocketLayer layer, SharedSecret secret,
            StateTimeouts<FsAgentHandshake.State> timeouts, PortPair ports, Consumer<FsSession> handler)
            throws IOException {
        int a = layer.register(ports.first());
        int b = layer.register(ports.second());
        return new FsAgentListener(layer, secret, timeouts, a, b, handler);
    }

    /** Reports every refused connection to {@code callback} (on the refusing thread), besides the log line. */
    public void onRefusal(Consumer<Refusal> callback) {
        refusals.set(callback);
    }

    /** The well-known port's address. */
    public SockAddr.Net address() throws IOException {
        return (SockAddr.Net) layer.getsockname(wkp);
    }

    /** Sessions whose channels are still being set up. */
    public int sessionsInProgress() {
        return sessions.size();
    }

    /** Stops accepting, fails the sessions in progress; sessions handed out stay open. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        layer.close(wkp);
        layer.close(next);
        WireException closing = new WireException(ErrorCode.IO_FAILED, "the agent's listener is closing");
        sessions.values().forEach(s -> s.runner().abort(Leg.CONTROL, closing));
        for (int fd : unattached) {
            layer.close(fd);
        }
        for (Thread acceptor : acceptors) {
            try {
                acceptor.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Thread acceptor(int listenFd, boolean nextPort) {
        Thread thread = new Thread(() -> acceptLoop(listenFd, nextPort),
                "fs-agent accept " + (nextPort ? "WKP+1" : "WKP"));
        thread.setDaemon(true);
        return thread;
    }

    private void acceptLoop(int listenFd, boolean nextPort) {
        while (!closed) {
            int fd;
            try {
                fd = layer.accept(listenFd);
            } catch (IOException e) {
                if (closed || layer.state(listenFd) == SocketLayer.State.CLOSED) {
                    return;
                }
                log.warn("fs-agent: accept on descriptor {} failed, retrying: {}", listenFd, e.getMessage());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            unattached.add(fd);
            Thread connection = new Thread(() -> serve(fd, nextPort), "fs-agent conn " + fd);
            connection.setDaemon(true);
            connection.start();
        }
    }

    private void serve(int fd, boolean nextPort) {
        try {
            FrameChannel channel;
            Conn conn = layer.conn(fd);
            try {
                channel = auth.accept(conn);
            } catch (IOException refusedAndLogged) {
                refusals.report(conn.remoteAddress(), refusedAndLogged);
                return;
            }
            Message first;
            Leg leg;
            try {
                first = channel.reader().readMessage(timeouts.of(nextPort
                        ? FsAgentHandshake.State.AWAIT_OFFER : FsAgentHandshake.State.AWAIT_GREETING));
                leg = FsAgentHandshake.legFor(nextPort, first);
            } catch (IOException e) {
                refuse(fd, channel, WireException.of(e));
                return;
            }
            if (leg == Leg.CONTROL) {
                runSession(fd, channel, (Message.Greeting) first);
            } else {
                join(fd, channel, leg, first);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("fs-agent: connection {} failed: {}", fd, e.toString());
            closeQuietly(fd);
        } finally {
            unattached.remove(fd);
        }
    }

    private void runSession(int token, FrameChannel channel, Message.Greeting greeting) throws IOException {
        SockAddr remote = channel.conn().remoteAddress();
        FsAgentHandshake machine = new FsAgentHandshake(token, timeouts);
        LegRunner runner = new LegRunner("fs-agent session " + token, layer, auth, machine);
        runner.attach(Leg.CONTROL, token, channel);
        sessions.put(token, new Session(machine, runner, hostOf(remote)));
        try {
            if (closed) {
                runner.abort(Leg.CONTROL, new WireException(ErrorCode.IO_FAILED, "the agent's listener is closing"));
            }
            runner.dispatch(new Event.Received(Leg.CONTROL, greeting));
            Map<Leg, Conn> legs = runner.await(timeouts.of(FsAgentHandshake.State.AWAIT_LEGS), Leg.CONTROL,
                    () -> new WireException(ErrorCode.TIMEOUT, "the session's channels were not all up within "
                            + timeouts.of(FsAgentHandshake.State.AWAIT_LEGS).toMillis() + " ms ("
                            + machine.describeLegs() + ")"));
            FsSession session = new FsSession(token, legs.get(Leg.CONTROL), legs.get(Leg.ERRORS), legs.get(Leg.DATA));
            log.info("fs-agent: session {} with {} is up (data {} -> {})", token, remote,
                    session.data().localAddress(), session.data().remoteAddress());
            deliver(session);
        } catch (IOException e) {
            failures.put(token, e.getMessage());
            log.warn("fs-agent: session {} with {} failed: {}", token, remote, e.getMessage());
            refusals.report(remote, e);
        } finally {
            sessions.remove(token);
        }
    }

    private void join(int fd, FrameChannel channel, Leg leg, Message first) {
        int token = FsAgentHandshake.tokenOf(first);
        String host = hostOf(channel.conn().remoteAddress());
        Session session = sessions.get(token);
        if (session == null) {
            String failure = failures.get(token);
            refuse(fd, channel, new WireException(ErrorCode.REFUSED, failure != null
                    ? "session " + token + " failed: " + failure
                    : "session token " + token + " is unknown on this agent; HINT: start over with a Greeting"));
            return;
        }
        if (!session.host().equals(host)) {
            refuse(fd, channel, new WireException(ErrorCode.REFUSED, "session " + token + " belongs to "
                    + session.host() + " but this connection comes from " + host));
            return;
        }
        if (!session.runner().attach(leg, fd, channel)) {
            WireException failure = session.machine().failure();
            refuse(fd, channel, new WireException(ErrorCode.REFUSED, failure != null
                    ? "session " + token + " failed: " + failure.getMessage()
                    : "session " + token + " already has its " + leg + " connection ("
                            + session.machine().describeLegs() + ")"));
            return;
        }
        session.runner().dispatch(new Event.Received(leg, first));
    }

    private void deliver(FsSession session) {
        try {
            handler.accept(session);
        } catch (RuntimeException e) {
            log.warn("fs-agent: session {} handler failed, closing the session: {}", session.token(), e.toString());
            try {
                session.close();
            } catch (IOException closeFailure) {
                log.debug("fs-agent: session {} close failed: {}", session.token(), closeFailure.getMessage());
            }
        }
    }

    private void refuse(int fd, FrameChannel channel, WireException reason) {
        if (reason.worthTelling()) {
            try {
                channel.writer().writeError(reason.code(), reason.detail());
                channel.conn().shutdownOutput();
            } catch (IOException | RuntimeException ignored) {
                // Refusing anyway; the close tells a peer that cannot read the ERROR frame.
            }
        }
        log.warn("fs-agent: refused {}: {}", channel.conn().remoteAddress(), reason.getMessage());
        refusals.report(channel.conn().remoteAddress(), reason);
        closeQuietly(fd);
    }

    private void closeQuietly(int fd) {
        try {
            layer.close(fd);
        } catch (IOException e) {
            log.debug("fs-agent: closing descriptor {} failed: {}", fd, e.getMessage());
        }
    }

    private static String hostOf(SockAddr address) {
        return address instanceof SockAddr.Net net ? net.host() : address.toString();
    }
}
