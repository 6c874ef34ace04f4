package org.lanfree.connect.handshake;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
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
 * The file-system handshake, media-server side: the server initiates. Every connection is
 * authenticated before its first message.
 *
 * <pre>
 * server                                        fs-agent
 * CONTROL  connect WKP ─────────── Greeting ───►
 *                      ◄── SessionToken(t) ────  t = descriptor of the accepted socket
 *   in parallel:
 * ERRORS   connect WKP ─── PairSession(t) ─────►
 *                      ◄── SessionPaired(t) ───
 * STG      connect WKP+1 ─ StgOffer(t, g, n) ──►  socket, bind(g/0), listen, getsockname
 *                      ◄── StpPort(p) ─────────
 * DATA     socket, setRingTracks(n), connect(g/p) through the array ──► accept
 *   then:
 * CONTROL              ◄── SessionReady(t) ────
 * </pre>
 *
 * Result: an {@link FsSession} of CONTROL, ERRORS and DATA; the STG connection is closed. Each
 * leg has its own {@link State}; the transition function ({@link #start}, {@link #on},
 * {@link #onFailure}) does no I/O and {@link #open} drives it.
 */
public final class FsServerHandshake implements HandshakeMachine, Closeable {

    /** The state of one leg. */
    public enum State {
        /** Not started. */
        IDLE,
        /** Connecting and authenticating. */
        OPENING,
        /** CONTROL: greeting sent, waiting for the session token. */
        AWAIT_TOKEN,
        /** ERRORS: pairing requested, waiting for the agent's confirmation. */
        AWAIT_PAIRED,
        /** STG: group offered, waiting for the agent's STP port. */
        AWAIT_PORT,
        /** CONTROL: the other legs are opening; then waiting for the agent's SessionReady. */
        AWAIT_READY,
        DONE,
        FAILED
    }

    /** The service the greeting asks for. */
    public static final String SERVICE = "fs-backup";

    private final SockAddr.Net agent;
    private final StgGrant grant;
    private final StateTimeouts<State> timeouts;
    private final Map<Leg, State> legs = new EnumMap<>(Leg.class);
    private int token = -1;
    private boolean failed;
    private LegRunner runner;

    /** A handshake with the agent whose well-known port is {@code agentWkp}. */
    public FsServerHandshake(SockAddr.Net agentWkp, StgGrant grant, StateTimeouts<State> timeouts) {
        if (agentWkp.port() < 1 || agentWkp.port() > 65534) {
            throw new IllegalArgumentException("agent well-known port " + agentWkp.port()
                    + " leaves no next port; expected 1-65534");
        }
        this.agent = agentWkp;
        this.grant = Objects.requireNonNull(grant, "grant");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        for (Leg leg : List.of(Leg.CONTROL, Leg.ERRORS, Leg.STG, Leg.DATA)) {
            legs.put(leg, State.IDLE);
        }
    }

    /** Ten seconds for every state. */
    public static StateTimeouts<State> defaultTimeouts() {
        return StateTimeouts.uniform(State.class, Duration.ofSeconds(10));
    }

    /** Runs the handshake through {@code layer}; returns the session or throws why it failed. */
    public FsSession open(SocketLayer layer, SharedSecret secret) throws IOException {
        LegRunner r;
        synchronized (this) {
            if (runner != null) {
                throw new IllegalStateException("fs-server: this handshake was already opened; create another");
            }
            r = new LegRunner("fs-server handshake with " + agent, layer,
                    new Authenticator(secret, Role.MEDIA_SERVER, Role.FS_AGENT), this);
            runner = r;
        }
        r.start();
        Map<Leg, Conn> conns = r.await();
        return new FsSession(tokenValue(), conns.get(Leg.CONTROL), conns.get(Leg.ERRORS), conns.get(Leg.DATA));
    }

    /** Aborts a handshake in progress and closes its sockets; does nothing once it has ended. */
    @Override
    public void close() {
        LegRunner r;
        synchronized (this) {
            r = runner;
        }
        if (r != null) {
            r.abort(Leg.CONTROL, new WireException(ErrorCode.IO_FAILED, "the handshake was closed by this side"));
        }
    }

    public synchronized State state(Leg leg) {
        return legs.get(leg);
    }

    /** The session token, once the agent has sent it; -1 before. */
    public synchronized int tokenValue() {
        return token;
    }

    @Override
    public synchronized List<Action> start() {
        if (legs.get(Leg.CONTROL) != State.IDLE) {
            return fail(Leg.CONTROL, new WireException(ErrorCode.INTERNAL,
                    "CONTROL leg: state is " + legs.get(Leg.CONTROL) + " but expected IDLE to start"));
        }
        legs.put(Leg.CONTROL, State.OPENING);
        return List.of(new Action.Connect(Leg.CONTROL, agent, 0, timeouts.of(State.OPENING)));
    }

    @Override
    public synchronized List<Action> on(Event event) {
        if (failed) {
            return List.of();
        }
        Leg leg = event.leg();
        State state = legs.getOrDefault(leg, State.IDLE);
        Message message = event instanceof Event.Received r ? r.message() : null;
        switch (state) {
            case OPENING:
                if (event instanceof Event.Opened) {
                    return onOpened(leg);
                }
                break;
            case AWAIT_TOKEN:
                if (message instanceof Message.SessionToken m) {
                    return onSessionToken(m);
                }
                break;
            case AWAIT_PAIRED:
                if (message instanceof Message.SessionPaired m) {
                    return checkToken(leg, m.token(), () -> {
                        legs.put(Leg.ERRORS, State.DONE);
                        return readyCheck();
                    });
                }
                break;
            case AWAIT_PORT:
                if (message instanceof Message.StpPort m) {
                    legs.put(Leg.STG, State.DONE);
                    legs.put(Leg.DATA, State.OPENING);
                    return List.of(new Action.Connect(Leg.DATA, new SockAddr.Stp(grant.group(), m.port()),
                            grant.ringTracks(), timeouts.of(State.OPENING)));
                }
                break;
            case AWAIT_READY:
                if (message instanceof Message.SessionReady m && legsDone()) {
                    return checkToken(leg, m.token(), () -> {
                        legs.put(Leg.CONTROL, State.DONE);
                        return List.of(new Action.Complete(EnumSet.of(Leg.CONTROL, Leg.ERRORS, Leg.DATA)));
                    });
                }
                break;
            default:
                break;
        }
        return fail(leg, HandshakeMachine.unexpected(leg, state, event, expected(leg, state)));
    }

    @Override
    public synchronized List<Action> onFailure(Leg leg, WireException error) {
        if (failed) {
            return List.of();
        }
        return fail(leg, error.withContext(leg + " leg failed in state " + legs.get(leg)));
    }

    private List<Action> onOpened(Leg leg) {
        switch (leg) {
            case CONTROL:
                legs.put(leg, State.AWAIT_TOKEN);
                return List.of(new Action.Send(leg, new Message.Greeting(SERVICE)),
                        new Action.Receive(leg, timeouts.of(State.AWAIT_TOKEN)));
            case ERRORS:
                legs.put(leg, State.AWAIT_PAIRED);
                return List.of(new Action.Send(leg, new Message.PairSession(token)),
                        new Action.Receive(leg, timeouts.of(State.AWAIT_PAIRED)));
            case STG:
                legs.put(leg, State.AWAIT_PORT);
                return List.of(new Action.Send(leg, new Message.StgOffer(token, grant.group(), grant.ringTracks())),
                        new Action.Receive(leg, timeouts.of(State.AWAIT_PORT)));
            default:
                legs.put(leg, State.DONE);
                return readyCheck();
        }
    }

    private List<Action> onSessionToken(Message.SessionToken m) {
        token = m.token();
        legs.put(Leg.CONTROL, State.AWAIT_READY);
        legs.put(Leg.ERRORS, State.OPENING);
        legs.put(Leg.STG, State.OPENING);
        Duration opening = timeouts.of(State.OPENING);
        return List.of(new Action.Fork(new Action.Connect(Leg.ERRORS, agent, 0, opening)),
                new Action.Connect(Leg.STG, new SockAddr.Net(agent.host(), agent.port() + 1), 0, opening));
    }

    /** Once ERRORS and DATA are both up, the last of them reads the agent's SessionReady. */
    private List<Action> readyCheck() {
        if (legsDone()) {
            return List.of(new Action.Receive(Leg.CONTROL, timeouts.of(State.AWAIT_READY)));
        }
        return List.of();
    }

    private boolean legsDone() {
        return legs.get(Leg.ERRORS) == State.DONE && legs.get(Leg.DATA) == State.DONE;
    }

    private List<Action> checkToken(Leg leg, int got, Supplier<List<Action>> then) {
        if (got != token) {
            return fail(leg, new WireException(ErrorCode.UNEXPECTED_FRAME, leg + " leg: the agent names"
                    + " session " + got + " but this session is " + token));
        }
        return then.get();
    }

    private List<Action> fail(Leg leg, WireException reason) {
        failed = true;
        legs.put(leg, State.FAILED);
        return List.of(new Action.Fail(leg, reason));
    }

    private String expected(Leg leg, State state) {
        switch (state) {
            case OPENING:
                return "the " + leg + " connection to open";
            case AWAIT_TOKEN:
                return "SessionToken";
            case AWAIT_PAIRED:
                return "SessionPaired";
            case AWAIT_PORT:
                return "StpPort";
            case AWAIT_READY:
                return legsDone() ? "SessionReady" : "nothing until the ERRORS and DATA legs are up";
            default:
                return "nothing on this leg";
        }
    }
}
