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
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

/**
 * The database handshake, agent side: the client initiates. Every connection is authenticated
 * before its first message.
 *
 * <pre>
 * db-agent                                             media server
 * CALLBACK socket, bind(host:0), listen, getsockname = port q
 * REQUEST  connect WKP ──────── DbCallback(client, q) ──►
 *                      ◄─────── CallbackAck(s) ─────────
 * CALLBACK accept     ◄──────── connect back to q ──────
 *                      ◄─────── StgOffer(s, g, n) ──────
 * DATA     socket, bind(g/0), listen, getsockname = p
 * CALLBACK             ──────── StpPort(p) ────────────►
 * DATA     accept     ◄──────── connect(g/p) through the array
 * close REQUEST, CALLBACK: all further traffic goes over DATA
 * </pre>
 *
 * A call back that fails authentication, names another session or misbehaves is refused and
 * the agent keeps waiting for the right one until AWAIT_CALLBACK's timeout. While waiting, the
 * REQUEST connection is watched: an ERROR from the server there ends the handshake at once.
 * The transition function ({@link #start}, {@link #on}, {@link #onFailure}) does no I/O;
 * {@link #open} drives it.
 */
public final class DbClientHandshake implements HandshakeMachine, Closeable {

    public enum State {
        START,
        /** A peer that connected to a listening socket (call back, STP) proves itself. */
        AUTHENTICATING,
        /** Opening the dynamic-port listener. */
        LISTENING,
        /** Connecting to the server's WKP and authenticating. */
        OPENING,
        /** Request sent, waiting for the server's acknowledgement. */
        AWAIT_ACK,
        /** Waiting for the server to connect back and authenticate. */
        AWAIT_CALLBACK,
        /** Waiting for the server's StgOffer on the call back. */
        AWAIT_OFFER,
        /** Opening the STP listening socket. */
        LISTENING_STP,
        /** STP port sent, waiting for the server's STP connection and its authentication. */
        ACCEPTING_STP,
        DONE,
        FAILED
    }

    private final SockAddr.Net server;
    private final String client;
    private final String callbackHost;
    private final StateTimeouts<State> timeouts;
    private State state = State.START;
    private int callbackPort;
    private int session;
    private StgGrant grant;
    private LegRunner runner;

    /**
     * A handshake asking the server at {@code serverWkp} to back up {@code client}; the agent's
     * dynamic port is opened on {@code callbackHost}, which the server must be able to reach.
     */
    public DbClientHandshake(SockAddr.Net serverWkp, String client, String callbackHost, StateTimeouts<State> timeouts) {
        this.server = Objects.requireNonNull(serverWkp, "serverWkp");
        this.client = Objects.requireNonNull(client, "client");
        this.callbackHost = Objects.requireNonNull(callbackHost, "callbackHost");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    /** Ten seconds for every state, thirty for the call back. */
    public static StateTimeouts<State> defaultTimeouts() {
        return StateTimeouts.uniform(State.class, Duration.ofSeconds(10))
                .with(State.AWAIT_CALLBACK, Duration.ofSeconds(30));
    }

    /** Runs the handshake through {@code layer}; returns the session or throws why it failed. */
    public DbSession open(SocketLayer layer, SharedSecret secret) throws IOException {
        LegRunner r;
        synchronized (this) {
            if (runner != null) {
                throw new IllegalStateException("db-agent: this handshake was already opened; create another");
            }
            r = new LegRunner("db-agent " + client + " handshake with " + server, layer,
                    new Authenticator(secret, Role.DB_AGENT, Role.MEDIA_SERVER), this);
            runner = r;
        }
        r.start();
        Map<Leg, Conn> conns = r.await();
        return new DbSession(client, server, conns.get(Leg.DATA));
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

    /** The session the server named in its acknowledgement; 0 before. */
    public synchronized int session() {
        return session;
    }

    /** The group and ring size the server offered, once it has. */
    public synchronized StgGrant grant() {
        return grant;
    }

    @Override
    public synchronized List<Action> start() {
        if (state != State.START) {
            return fail(Leg.CALLBACK, new WireException(ErrorCode.INTERNAL,
                    "state is " + state + " but expected START to start"));
        }
        state = State.LISTENING;
        return List.of(new Action.Listen(Leg.CALLBACK, new SockAddr.Net(callbackHost, 0), 4));
    }

    @Override
    public synchronized List<Action> on(Event event) {
        if (state == State.FAILED || state == State.DONE) {
            return List.of();
        }
        Leg leg = event.leg();
        Message message = event instanceof Event.Received r ? r.message() : null;
        if (state == State.LISTENING && leg == Leg.CALLBACK && event instanceof Event.Listening l) {
            callbackPort = ((SockAddr.Net) l.address()).port();
            state = State.OPENING;
            return List.of(new Action.Connect(Leg.REQUEST, server, 0, timeouts.of(State.OPENING)));
        }
        if (state == State.OPENING && leg == Leg.REQUEST && event instanceof Event.Opened) {
            state = State.AWAIT_ACK;
            return List.of(new Action.Send(Leg.REQUEST, new Message.DbCallback(client, callbackPort)),
                    new Action.Receive(Leg.REQUEST, timeouts.of(State.AWAIT_ACK)));
        }
        if (state == State.AWAIT_ACK && leg == Leg.REQUEST && message instanceof Message.CallbackAck m) {
            session = m.session();
            state = State.AWAIT_CALLBACK;
            return List.of(new Action.Fork(new Action.Receive(Leg.REQUEST, Duration.ZERO)),
                    new Action.Accept(Leg.CALLBACK, timeouts.of(State.AWAIT_CALLBACK), timeouts.of(State.AUTHENTICATING)));
        }
        if (state == State.AWAIT_CALLBACK && leg == Leg.CALLBACK && event instanceof Event.Opened) {
            state = State.AWAIT_OFFER;
            return List.of(new Action.Receive(Leg.CALLBACK, timeouts.of(State.AWAIT_OFFER)));
        }
        if (state == State.AWAIT_OFFER && leg == Leg.CALLBACK && message instanceof Message.StgOffer m) {
            if (m.session() != session) {
                return refuseCallback(new WireException(ErrorCode.REFUSED, "the call back names session "
                        + m.session() + " but this agent waits for session " + session));
            }
            grant = new StgGrant(m.group(), m.ringTracks());
            state = State.LISTENING_STP;
            return List.of(new Action.Listen(Leg.DATA, new SockAddr.Stp(m.group(), 0), 1));
        }
        if (state == State.LISTENING_STP && leg == Leg.DATA && event instanceof Event.Listening l) {
            state = State.ACCEPTING_STP;
            return List.of(new Action.Send(Leg.CALLBACK, new Message.StpPort(((SockAddr.Stp) l.address()).port())),
                    new Action.Accept(Leg.DATA, timeouts.of(State.ACCEPTING_STP), timeouts.of(State.AUTHENTICATING)));
        }
        if (state == State.ACCEPTING_STP && leg == Leg.DATA && event instanceof Event.Opened) {
            state = State.DONE;
            return List.of(new Action.Complete(EnumSet.of(Leg.DATA)));
        }
        WireException unexpected = HandshakeMachine.unexpected(leg, state, event, expected());
        if (state == State.AWAIT_OFFER && leg == Leg.CALLBACK) {
            return refuseCallback(unexpected);
        }
        return fail(leg, unexpected);
    }

    @Override
    public synchronized List<Action> onFailure(Leg leg, WireException error) {
        if (state == State.FAILED || state == State.DONE) {
            return List.of();
        }
        if (leg == Leg.CALLBACK && state == State.AWAIT_OFFER && error.code() != ErrorCode.PEER_ERROR) {
            return refuseCallback(error);
        }
        if (leg == Leg.REQUEST && state == State.ACCEPTING_STP && error.code() == ErrorCode.PEER_CLOSED) {
            return List.of();
        }
        return fail(leg, error.withContext(leg + " leg failed in state " + state));
    }

    /** Turns away the connection on the call-back port and waits for the next one. */
    private List<Action> refuseCallback(WireException reason) {
        state = State.AWAIT_CALLBACK;
        return List.of(new Action.Refuse(Leg.CALLBACK, reason),
                new Action.Accept(Leg.CALLBACK, timeouts.of(State.AWAIT_CALLBACK), timeouts.of(State.AUTHENTICATING)));
    }

    private List<Action> fail(Leg leg, WireException reason) {
        state = State.FAILED;
        return List.of(new Action.Fail(leg, reason));
    }

    private String expected() {
        switch (state) {
            case LISTENING:
                return "the CALLBACK listening socket";
            case OPENING:
                return "the REQUEST connection to open";
            case AWAIT_ACK:
                return "CallbackAck on REQUEST";
            case AWAIT_CALLBACK:
                return "the server's call back";
            case AWAIT_OFFER:
                return "StgOffer on CALLBACK";
            case LISTENING_STP:
                return "the STP listening socket";
            case ACCEPTING_STP:
                return "the server's STP connection";
            default:
                return "nothing";
        }
    }
}
