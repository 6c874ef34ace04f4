package org.lanfree.connect.handshake;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lanfree.connect.Conn;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.auth.Authenticator;
import org.lanfree.connect.auth.Role;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

/**
 * The database handshake, media-server side, for one request accepted on the WKP and already
 * authenticated (see {@link DbClientHandshake} for the message diagram):
 *
 * <pre>
 * AWAIT_REQUEST ─DbCallback(client, q)─► OPENING_CALLBACK   sends CallbackAck(s), connects to agent:q
 * OPENING_CALLBACK ─(authenticated)────► AWAIT_PORT         sends StgOffer(s, g, n)
 * AWAIT_PORT ─StpPort(p)───────────────► CONNECTING_STP     socket, setRingTracks(n), connect(g/p)
 * CONNECTING_STP ─(authenticated)──────► DONE               closes the NET sockets
 * </pre>
 *
 * The session number {@code s} is the server's descriptor of the request's socket. The group
 * comes from the {@link StgPolicy}. The transition function ({@link #start}, {@link #on},
 * {@link #onFailure}) does no I/O; {@link #serve} drives it.
 */
public final class DbServerHandshake implements HandshakeMachine, Closeable {

    public enum State {
        /** A new request connection proves itself (the listener's timeout). */
        AUTHENTICATING,
        /** Waiting for the agent's DbCallback. */
        AWAIT_REQUEST,
        /** Connecting back to the agent's dynamic port and authenticating. */
        OPENING_CALLBACK,
        /** STG group offered, waiting for the agent's STP port. */
        AWAIT_PORT,
        /** Connecting through the array and authenticating. */
        CONNECTING_STP,
        DONE,
        FAILED
    }

    private final int session;
    private final String agentHost;
    private final StgPolicy policy;
    private final StateTimeouts<State> timeouts;
    private State state = State.AWAIT_REQUEST;
    private String client;
    private StgGrant grant;
    private LegRunner runner;

    /** The handshake of the request on descriptor {@code session}, from an agent on {@code agentHost}. */
    public DbServerHandshake(int session, String agentHost, StgPolicy policy, StateTimeouts<State> timeouts) {
        this.session = session;
        this.agentHost = Objects.requireNonNull(agentHost, "agentHost");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    /** Ten seconds for every state. */
    public static StateTimeouts<State> defaultTimeouts() {
        return StateTimeouts.uniform(State.class, Duration.ofSeconds(10));
    }

    /**
     * Drives the handshake for the authenticated request connection {@code fd} (whose channel
     * is {@code channel}); returns the session or throws why it failed. Every socket the
     * handshake opened, {@code fd} included, is closed either way.
     */
    public DbSession serve(SocketLayer layer, SharedSecret secret, int fd, FrameChannel channel) throws IOException {
        LegRunner r;
        synchronized (this) {
            if (runner != null) {
                throw new IllegalStateException("db-server: this handshake was already served; create another");
            }
            r = new LegRunner("db-server session " + session, layer,
                    new Authenticator(secret, Role.MEDIA_SERVER, Role.DB_AGENT), this);
            runner = r;
        }
        r.attach(Leg.REQUEST, fd, channel);
        r.start();
        Map<Leg, Conn> conns = r.await();
        return new DbSession(client(), channel.conn().remoteAddress(), conns.get(Leg.DATA));
    }

    /** Aborts a handshake in progress and closes its sockets; does nothing once it has ended. */
    @Override
    public void close() {
        LegRunner r;
        synchronized (this) {
            r = runner;
        }
        if (r != null) {
            r.abort(Leg.REQUEST, new WireException(ErrorCode.IO_FAILED, "the handshake was closed by this side"));
        }
    }

    public synchronized State state() {
        return state;
    }

    /** The client the agent named; null before its request. */
    public synchronized String client() {
        return client;
    }

    public synchronized StgGrant grant() {
        return grant;
    }

    @Override
    public synchronized List<Action> start() {
        if (state != State.AWAIT_REQUEST) {
            return fail(Leg.REQUEST, new WireException(ErrorCode.INTERNAL,
                    "state is " + state + " but expected AWAIT_REQUEST to start"));
        }
        return List.of(new Action.Receive(Leg.REQUEST, timeouts.of(State.AWAIT_REQUEST)));
    }

    @Override
    public synchronized List<Action> on(Event event) {
        if (state == State.FAILED || state == State.DONE) {
            return List.of();
        }
        Leg leg = event.leg();
        Message message = event instanceof Event.Received r ? r.message() : null;
        if (state == State.AWAIT_REQUEST && leg == Leg.REQUEST && message instanceof Message.DbCallback m) {
            return onDbCallback(m);
        }
        if (state == State.OPENING_CALLBACK && leg == Leg.CALLBACK && event instanceof Event.Opened) {
            state = State.AWAIT_PORT;
            return List.of(new Action.Send(Leg.CALLBACK, new Message.StgOffer(session, grant.group(), grant.ringTracks())),
                    new Action.Receive(Leg.CALLBACK, timeouts.of(State.AWAIT_PORT)));
        }
        if (state == State.AWAIT_PORT && leg == Leg.CALLBACK && message instanceof Message.StpPort m) {
            state = State.CONNECTING_STP;
            return List.of(new Action.Connect(Leg.DATA, new SockAddr.Stp(grant.group(), m.port()),
                    grant.ringTracks(), timeouts.of(State.CONNECTING_STP)));
        }
        if (state == State.CONNECTING_STP && leg == Leg.DATA && event instanceof Event.Opened) {
            state = State.DONE;
            return List.of(new Action.Complete(EnumSet.of(Leg.DATA)));
        }
        return fail(leg, HandshakeMachine.unexpected(leg, state, event, expected()));
    }

    @Override
    public synchronized List<Action> onFailure(Leg leg, WireException error) {
        if (state == State.FAILED || state == State.DONE) {
            return List.of();
        }
        return fail(leg, error.withContext(leg + " leg failed in state " + state));
    }

    private List<Action> onDbCallback(Message.DbCallback request) {
        if (request.client().isBlank()) {
            return fail(Leg.REQUEST, new WireException(ErrorCode.REFUSED,
                    "the request names no client; expected the client's name"));
        }
        if (request.port() == 0) {
            return fail(Leg.REQUEST, new WireException(ErrorCode.REFUSED, "client " + request.client()
                    + ": call-back port 0 is not a port to connect to; expected 1-65535"));
        }
        try {
            grant = Objects.requireNonNull(policy.grantFor(request.client()), "the STG policy granted nothing");
        } catch (WireException e) {
            return fail(Leg.REQUEST, e);
        }
        client = request.client();
        state = State.OPENING_CALLBACK;
        return List.of(new Action.Send(Leg.REQUEST, new Message.CallbackAck(session)),
                new Action.Connect(Leg.CALLBACK, new SockAddr.Net(agentHost, request.port()), 0,
                        timeouts.of(State.OPENING_CALLBACK)));
    }

    private List<Action> fail(Leg leg, WireException reason) {
        state = State.FAILED;
        return List.of(new Action.Fail(leg, reason));
    }

    private String expected() {
        switch (state) {
            case AWAIT_REQUEST:
                return "DbCallback on REQUEST";
            case OPENING_CALLBACK:
                return "the CALLBACK connection to open";
            case AWAIT_PORT:
                return "StpPort on CALLBACK";
            case CONNECTING_STP:
                return "the DATA connection to open";
            default:
                return "nothing";
        }
    }
}
