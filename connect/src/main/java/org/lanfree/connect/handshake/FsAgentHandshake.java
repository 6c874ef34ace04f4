package org.lanfree.connect.handshake;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

/**
 * The file-system handshake, agent side: one instance per session, created when a Greeting
 * arrives on the well-known port; {@link FsAgentListener} routes the session's later connections
 * here by their token. See {@link FsServerHandshake} for the message diagram.
 *
 * <pre>
 * CONTROL  AWAIT_GREETING ─Greeting─► AWAIT_LEGS ─(ERRORS and DATA done)─► DONE  sends SessionReady
 * ERRORS   IDLE ─(greeting)─► AWAIT_PAIR ─PairSession─► DONE                     sends SessionPaired
 * STG      IDLE ─(greeting)─► AWAIT_OFFER ─StgOffer─► LISTENING ─(STP listening)─► DONE  sends StpPort
 * DATA     IDLE ─StgOffer─► LISTENING ─(STP listening)─► ACCEPTING ─(accepted, authenticated)─► DONE
 * </pre>
 *
 * The transition function ({@link #on}, {@link #onFailure}) does no I/O.
 */
public final class FsAgentHandshake implements HandshakeMachine {

    /** The state of one leg. */
    public enum State {
        /** A new connection proves itself: on the WKP and WKP+1 before it joins a session, on the STP port. */
        AUTHENTICATING,
        /** Not started. */
        IDLE,
        /** CONTROL: waiting for the server's greeting (also: the first message on a new WKP connection). */
        AWAIT_GREETING,
        /** CONTROL: token sent; waiting for the session's other channels (the session's assembly timeout). */
        AWAIT_LEGS,
        /** ERRORS: waiting for the server's second connection to name the session. */
        AWAIT_PAIR,
        /** STG: waiting for the server's offer of an STG group (also: the first message on WKP+1). */
        AWAIT_OFFER,
        /** STG and DATA: opening the STP listening socket. */
        LISTENING,
        /** DATA: waiting for the server to connect through the array and authenticate. */
        ACCEPTING,
        DONE,
        FAILED
    }

    private final int token;
    private final StateTimeouts<State> timeouts;
    private final Map<Leg, State> legs = new EnumMap<>(Leg.class);
    private StgGrant grant;
    private boolean failed;
    private WireException failure;

    /** The handshake of the session whose token (control socket descriptor) is {@code token}. */
    public FsAgentHandshake(int token, StateTimeouts<State> timeouts) {
        this.token = token;
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        legs.put(Leg.CONTROL, State.AWAIT_GREETING);
        legs.put(Leg.ERRORS, State.IDLE);
        legs.put(Leg.STG, State.IDLE);
        legs.put(Leg.DATA, State.IDLE);
    }

    /** Ten seconds for every state, thirty for the session's assembly. */
    public static StateTimeouts<State> defaultTimeouts() {
        return StateTimeouts.uniform(State.class, Duration.ofSeconds(10))
                .with(State.AWAIT_LEGS, Duration.ofSeconds(30));
    }

    /**
     * Which leg a new connection is, from its first message: on the WKP a Greeting opens a
     * session's CONTROL leg and a PairSession its ERRORS leg; on WKP+1 a StgOffer its STG leg.
     */
    public static Leg legFor(boolean nextPort, Message first) throws WireException {
        if (!nextPort && first instanceof Message.Greeting) {
            return Leg.CONTROL;
        }
        if (!nextPort && first instanceof Message.PairSession) {
            return Leg.ERRORS;
        }
        if (nextPort && first instanceof Message.StgOffer) {
            return Leg.STG;
        }
        throw new WireException(ErrorCode.UNEXPECTED_FRAME, "first message on the "
                + (nextPort ? "port after the well-known port" : "well-known port") + " is " + first
                + " but expected " + (nextPort ? "StgOffer" : "Greeting or PairSession"));
    }

    /** The session token a PairSession or StgOffer names. */
    public static int tokenOf(Message message) {
        if (message instanceof Message.PairSession m) {
            return m.token();
        }
        if (message instanceof Message.StgOffer m) {
            return m.session();
        }
        throw new IllegalArgumentException(message + " names no session");
    }

    public int token() {
        return token;
    }

    public synchronized State state(Leg leg) {
        return legs.get(leg);
    }

    /** The group and ring size the server offered, once it has. */
    public synchronized StgGrant grant() {
        return grant;
    }

    /** Why the session failed; null while it has not. */
    public synchronized WireException failure() {
        return failure;
    }

    /** The legs' states, for messages: "CONTROL=AWAIT_LEGS ERRORS=DONE STG=AWAIT_OFFER DATA=IDLE". */
    public synchronized String describeLegs() {
        StringBuilder out = new StringBuilder();
        legs.forEach((leg, state) -> out.append(out.length() == 0 ? "" : " ").append(leg).append('=').append(state));
        return out.toString();
    }

    /** Nothing to start: the session begins with the Greeting the listener feeds to {@link #on}. */
    @Override
    public List<Action> start() {
        return List.of();
    }

    @Override
    public synchronized List<Action> on(Event event) {
        if (failed) {
            return List.of();
        }
        Leg leg = event.leg();
        State state = legs.getOrDefault(leg, State.IDLE);
        Message message = event instanceof Event.Received r ? r.message() : null;
        if (leg == Leg.CONTROL && state == State.AWAIT_GREETING && message instanceof Message.Greeting m) {
            return onGreeting(m);
        }
        if (leg == Leg.ERRORS && state == State.AWAIT_PAIR && message instanceof Message.PairSession m) {
            if (m.token() != token) {
                return fail(leg, wrongToken(leg, m.token()));
            }
            legs.put(Leg.ERRORS, State.DONE);
            return concat(new Action.Send(Leg.ERRORS, new Message.SessionPaired(token)), readyCheck());
        }
        if (leg == Leg.STG && state == State.AWAIT_OFFER && message instanceof Message.StgOffer m) {
            if (m.session() != token) {
                return fail(leg, wrongToken(leg, m.session()));
            }
            grant = new StgGrant(m.group(), m.ringTracks());
            legs.put(Leg.STG, State.LISTENING);
            legs.put(Leg.DATA, State.LISTENING);
            return List.of(new Action.Listen(Leg.DATA, new SockAddr.Stp(m.group(), 0), 1));
        }
        if (leg == Leg.DATA && state == State.LISTENING && event instanceof Event.Listening l) {
            legs.put(Leg.STG, State.DONE);
            legs.put(Leg.DATA, State.ACCEPTING);
            return List.of(new Action.Send(Leg.STG, new Message.StpPort(portOf(l.address()))),
                    new Action.Accept(Leg.DATA, timeouts.of(State.ACCEPTING), timeouts.of(State.AUTHENTICATING)));
        }
        if (leg == Leg.DATA && state == State.ACCEPTING && event instanceof Event.Opened) {
            legs.put(Leg.DATA, State.DONE);
            return readyCheck();
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

    private List<Action> onGreeting(Message.Greeting greeting) {
        if (!FsServerHandshake.SERVICE.equals(greeting.service())) {
            return fail(Leg.CONTROL, new WireException(ErrorCode.REFUSED, "greeting asks for service \""
                    + greeting.service() + "\" but this agent serves \"" + FsServerHandshake.SERVICE + "\""));
        }
        legs.put(Leg.CONTROL, State.AWAIT_LEGS);
        legs.put(Leg.ERRORS, State.AWAIT_PAIR);
        legs.put(Leg.STG, State.AWAIT_OFFER);
        return List.of(new Action.Send(Leg.CONTROL, new Message.SessionToken(token)));
    }

    private List<Action> readyCheck() {
        if (legs.get(Leg.CONTROL) == State.AWAIT_LEGS && legs.get(Leg.ERRORS) == State.DONE
                && legs.get(Leg.DATA) == State.DONE) {
            legs.put(Leg.CONTROL, State.DONE);
            return List.of(new Action.Send(Leg.CONTROL, new Message.SessionReady(token)),
                    new Action.Complete(EnumSet.of(Leg.CONTROL, Leg.ERRORS, Leg.DATA)));
        }
        return List.of();
    }

    private WireException wrongToken(Leg leg, int got) {
        return new WireException(ErrorCode.REFUSED, leg + " leg: the server names session " + got
                + " but this is session " + token);
    }

    private List<Action> fail(Leg leg, WireException reason) {
        failed = true;
        failure = reason;
        legs.put(leg, State.FAILED);
        return List.of(new Action.Fail(leg, reason));
    }

    private static int portOf(SockAddr address) {
        return ((SockAddr.Stp) address).port();
    }

    private static List<Action> concat(Action first, List<Action> rest) {
        Action[] all = new Action[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return List.of(all);
    }

    private static String expected(Leg leg, State state) {
        switch (state) {
            case AWAIT_GREETING:
                return "Greeting";
            case AWAIT_PAIR:
                return "PairSession";
            case AWAIT_OFFER:
                return "StgOffer";
            case LISTENING:
                return "the STP listening socket";
            case ACCEPTING:
                return "the server's STP connection";
            case IDLE:
                return leg == Leg.DATA ? "nothing before the StgOffer" : "nothing before the Greeting";
            default:
                return "nothing on this leg";
        }
    }
}
