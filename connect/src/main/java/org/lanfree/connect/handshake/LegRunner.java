package org.lanfree.connect.handshake;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.lanfree.connect.Conn;
import org.lanfree.connect.Domain;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.auth.Authenticator;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver shared by all handshakes: performs a machine's {@link Action}s through
 * {@link SocketLayer} descriptors, feeds the resulting {@link Event}s back, and keeps every
 * descriptor the handshake opened so that a failure closes them all. Actions run on the calling
 * thread; {@link Action.Fork} starts a thread for a leg that runs in parallel. The machine
 * serializes its own transitions. Connections kept at the end wait forever again (no timeout).
 */
final class LegRunner {

    private static final Logger log = LoggerFactory.getLogger(LegRunner.class);

    private final String component;
    private final SocketLayer layer;
    private final Authenticator auth;
    private final HandshakeMachine machine;
    private final Map<Leg, Integer> conns = new EnumMap<>(Leg.class);
    private final Map<Leg, Integer> listeners = new EnumMap<>(Leg.class);
    private final Map<Leg, FrameChannel> channels = new EnumMap<>(Leg.class);
    private final CompletableFuture<Map<Leg, Conn>> result = new CompletableFuture<>();
    private boolean ended;

    LegRunner(String component, SocketLayer layer, Authenticator auth, HandshakeMachine machine) {
        this.component = component;
        this.layer = layer;
        this.auth = auth;
        this.machine = machine;
    }

    /** Runs the machine from its first action on this thread. */
    void start() {
        run(machine.start());
    }

    /**
     * Adopts an accepted, authenticated connection as {@code leg}. False when the leg has one
     * already or the handshake has ended; the caller then still owns the descriptor.
     */
    synchronized boolean attach(Leg leg, int fd, FrameChannel channel) {
        if (ended || conns.containsKey(leg)) {
            return false;
        }
        conns.put(leg, fd);
        channels.put(leg, channel);
        return true;
    }

    /** Feeds an event that happened outside the runner and runs what follows on this thread. */
    void dispatch(Event event) {
        run(machine.on(event));
    }

    /** Fails the handshake from outside (a caller's close, an overall deadline); idempotent. */
    void abort(Leg leg, WireException reason) {
        run(machine.onFailure(leg, reason));
    }

    /** Waits for the outcome: the kept connections, or the failure. */
    Map<Leg, Conn> await() throws IOException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(Leg.CONTROL, new WireException(ErrorCode.IO_FAILED, "interrupted"));
            throw new InterruptedIOException(component + ": interrupted during the handshake");
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** Waits at most {@code limit}; then fails the handshake on {@code leg} with {@code reason}. */
    Map<Leg, Conn> await(Duration limit, Leg leg, Supplier<WireException> reason) throws IOException {
        try {
            return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abort(leg, reason.get());
            return await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(leg, new WireException(ErrorCode.IO_FAILED, "interrupted"));
            throw new InterruptedIOException(component + ": interrupted during the handshake");
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private void run(List<Action> actions) {
        ArrayDeque<Action> todo = new ArrayDeque<>(actions);
        while (!todo.isEmpty() && !result.isDone()) {
            Action action = todo.removeFirst();
            List<Action> next;
            try {
                next = execute(action);
            } catch (IOException e) {
                todo.clear();
                next = machine.onFailure(action.leg(), WireException.of(e));
            } catch (RuntimeException e) {
                todo.clear();
                next = machine.onFailure(action.leg(), new WireException(ErrorCode.INTERNAL, e.toString(), e));
            }
            todo.addAll(next);
        }
    }

    private List<Action> execute(Action action) throws IOException {
        if (action instanceof Action.Connect connect) {
            return connect(connect);
        } else if (action instanceof Action.Listen listen) {
            return listen(listen);
        } else if (action instanceof Action.Accept accept) {
            return accept(accept);
        } else if (action instanceof Action.Send send) {
            channel(send.leg()).writer().writeMessage(send.message());
            return List.of();
        } else if (action instanceof Action.Receive receive) {
            Message message = channel(receive.leg()).reader().readMessage(receive.timeout());
            return machine.on(new Event.Received(receive.leg(), message));
        } else if (action instanceof Action.Refuse refuse) {
            refuse(refuse.leg(), refuse.reason());
        } else if (action instanceof Action.Fork fork) {
            fork(fork.first());
        } else if (action instanceof Action.Complete complete) {
            complete(complete.keep());
        } else if (action instanceof Action.Fail fail) {
            fail(fail.reason());
        }
        return List.of();
    }

    private List<Action> connect(Action.Connect a) throws IOException {
        int fd = track(conns, a.leg(), layer.socket(a.address().domain()));
        layer.setTimeout(fd, a.timeout());
        if (a.address().domain() == Domain.STP) {
            layer.setRingTracks(fd, a.ringTracks());
        }
        layer.connect(fd, a.address());
        FrameChannel channel = auth.withStateTimeout(a.timeout()).connect(layer.conn(fd));
        synchronized (this) {
            channels.put(a.leg(), channel);
        }
        return machine.on(new Event.Opened(a.leg(), a.address()));
    }

    private List<Action> listen(Action.Listen a) throws IOException {
        int fd = track(listeners, a.leg(), layer.socket(a.address().domain()));
        layer.bind(fd, a.address());
        layer.listen(fd, a.backlog());
        return machine.on(new Event.Listening(a.leg(), layer.getsockname(fd)));
    }

    /** Accepts until a peer authenticates or the timeout passes; strangers are refused (and logged by the authenticator). */
    private List<Action> accept(Action.Accept a) throws IOException {
        int listener;
        synchronized (this) {
            listener = listeners.get(a.leg());
        }
        long deadline = System.nanoTime() + a.timeout().toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new WireException(ErrorCode.TIMEOUT, "no authenticated peer connected to "
                        + layer.getsockname(listener) + " within " + a.timeout().toMillis() + " ms");
            }
            layer.setTimeout(listener, Duration.ofNanos(left));
            int fd;
            try {
                fd = layer.accept(listener);
            } catch (SocketTimeoutException e) {
                continue;
            }
            Duration authTimeout = Duration.ofNanos(Math.max(1_000_000L, Math.min(left, a.authTimeout().toNanos())));
            FrameChannel channel;
            try {
                channel = auth.withStateTimeout(authTimeout).accept(layer.conn(fd));
            } catch (WireException refusedAndLogged) {
                continue;
            }
            if (!attach(a.leg(), fd, channel)) {
                layer.close(fd);
                throw new WireException(ErrorCode.INTERNAL, "the " + a.leg() + " leg was accepted after the handshake ended");
            }
            return machine.on(new Event.Opened(a.leg(), channel.conn().remoteAddress()));
        }
    }

    private void refuse(Leg leg, WireException reason) {
        FrameChannel channel;
        Integer fd;
        synchronized (this) {
            channel = channels.remove(leg);
            fd = conns.remove(leg);
        }
        SockAddr peer = channel == null ? null : channel.conn().remoteAddress();
        if (channel != null && reason.worthTelling()) {
            tell(channel, reason);
        }
        log.warn("{}: refused {} on the {} leg: {}", component, peer, leg, reason.getMessage());
        if (fd != null) {
            closeQuietly(fd);
        }
    }

    private void fork(Action first) {
        Thread thread = new Thread(() -> {
            try {
                run(List.of(first));
            } catch (Throwable t) {
                abort(first.leg(), new WireException(ErrorCode.INTERNAL, t.toString(), t));
                throw t;
            }
        }, component + " " + first.leg());
        thread.setDaemon(true);
        thread.start();
    }

    private void complete(Set<Leg> keep) throws IOException {
        Map<Leg, Conn> kept = new EnumMap<>(Leg.class);
        List<Integer> others = new ArrayList<>();
        synchronized (this) {
            if (ended) {
                return;
            }
            for (Leg leg : keep) {
                Integer fd = conns.get(leg);
                if (fd == null) {
                    throw new WireException(ErrorCode.INTERNAL, "the " + leg + " leg has no connection to keep");
                }
                layer.setTimeout(fd, Duration.ZERO);
                kept.put(leg, layer.conn(fd));
            }
            ended = true;
            conns.forEach((leg, fd) -> {
                if (!keep.contains(leg)) {
                    others.add(fd);
                }
            });
            others.addAll(listeners.values());
        }
        others.forEach(this::closeQuietly);
        log.debug("{}: handshake complete, keeping {}", component, kept.values());
        result.complete(kept);
    }

    private void fail(WireException reason) {
        List<FrameChannel> peers = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            if (reason.code() != ErrorCode.PEER_ERROR) {
                peers.addAll(channels.values());
            }
            all.addAll(conns.values());
            all.addAll(listeners.values());
        }
        for (FrameChannel channel : peers) {
            tell(channel, reason);
        }
        all.forEach(this::closeQuietly);
        result.completeExceptionally(reason.withContext(component));
    }

    /** Records a descriptor the handshake opened, or closes it when the handshake has ended. */
    private int track(Map<Leg, Integer> table, Leg leg, int fd) throws IOException {
        synchronized (this) {
            if (!ended) {
                table.put(leg, fd);
                return fd;
            }
        }
        layer.close(fd);
        throw new WireException(ErrorCode.IO_FAILED, "the handshake ended while the " + leg + " leg was opening");
    }

    private synchronized FrameChannel channel(Leg leg) throws WireException {
        FrameChannel channel = channels.get(leg);
        if (channel == null) {
            throw new WireException(ErrorCode.INTERNAL, "the " + leg + " leg has no open connection");
        }
        return channel;
    }

    /** Best effort: an ERROR frame to a peer that may already be gone. */
    private static void tell(FrameChannel channel, WireException reason) {
        try {
            channel.writer().writeError(reason.code(), reason.detail());
        } catch (IOException | RuntimeException ignored) {
            // The handshake is failing anyway; a peer that cannot hear why learns it from the close.
        }
    }

    private void closeQuietly(int fd) {
        try {
            layer.close(fd);
        } catch (IOException e) {
            log.debug("{}: closing descriptor {} failed: {}", component, fd, e.getMessage());
        }
    }

    private static IOException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
            return io;
        }
        return new WireException(ErrorCode.INTERNAL, String.valueOf(cause), cause);
    }
}
