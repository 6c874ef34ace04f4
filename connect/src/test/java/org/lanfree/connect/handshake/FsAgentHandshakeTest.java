package org.lanfree.connect.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lanfree.connect.handshake.MachineCases.listening;
import static org.lanfree.connect.handshake.MachineCases.opened;
import static org.lanfree.connect.handshake.MachineCases.received;
import static org.lanfree.connect.handshake.MachineCases.row;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.handshake.FsAgentHandshake.State;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

/** The file agent's side of the file-system handshake, without sockets. */
class FsAgentHandshakeTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final Duration ACCEPT = Duration.ofSeconds(3);
    private final FsAgentHandshake handshake = new FsAgentHandshake(20,
            FsAgentHandshake.defaultTimeouts().with(State.ACCEPTING, ACCEPT));

    private static final List<Event> HAPPY = List.of(
            received(Leg.CONTROL, new Message.Greeting("fs-backup")),
            received(Leg.STG, new Message.StgOffer(20, 3, 16)),
            listening(Leg.DATA, new SockAddr.Stp(3, 41)),
            received(Leg.ERRORS, new Message.PairSession(20)),
            opened(Leg.DATA));

    @Test
    void theSessionAssemblesFromItsThreeConnectionsAndReportsReady() {
        assertEquals(List.of(), handshake.start());
        assertEquals(List.of(new Action.Send(Leg.CONTROL, new Message.SessionToken(20))), handshake.on(HAPPY.get(0)));
        assertEquals(State.AWAIT_LEGS, handshake.state(Leg.CONTROL));
        assertEquals(State.AWAIT_PAIR, handshake.state(Leg.ERRORS));
        assertEquals(List.of(new Action.Listen(Leg.DATA, new SockAddr.Stp(3, 0), 1)), handshake.on(HAPPY.get(1)));
        assertEquals(new StgGrant(3, 16), handshake.grant());
        assertEquals(State.LISTENING, handshake.state(Leg.DATA));
        assertEquals(List.of(new Action.Send(Leg.STG, new Message.StpPort(41)), new Action.Accept(Leg.DATA, ACCEPT, T)),
                handshake.on(HAPPY.get(2)));
        assertEquals(List.of(new Action.Send(Leg.ERRORS, new Message.SessionPaired(20))), handshake.on(HAPPY.get(3)));
        assertEquals(List.of(new Action.Send(Leg.CONTROL, new Message.SessionReady(20)),
                new Action.Complete(EnumSet.of(Leg.CONTROL, Leg.ERRORS, Leg.DATA))), handshake.on(HAPPY.get(4)));
        assertEquals("CONTROL=DONE ERRORS=DONE STG=DONE DATA=DONE", handshake.describeLegs());
    }

    @Test
    void whenTheDataLegIsUpFirstThePairingCompletesTheSession() {
        handshake.on(HAPPY.get(0));
        handshake.on(HAPPY.get(1));
        handshake.on(HAPPY.get(2));
        assertEquals(List.of(), handshake.on(opened(Leg.DATA)));
        assertEquals(List.of(new Action.Send(Leg.ERRORS, new Message.SessionPaired(20)),
                new Action.Send(Leg.CONTROL, new Message.SessionReady(20)),
                new Action.Complete(EnumSet.of(Leg.CONTROL, Leg.ERRORS, Leg.DATA))),
                handshake.on(received(Leg.ERRORS, new Message.PairSession(20))));
    }

    static Stream<Arguments> wrongEvents() {
        return Stream.of(
                row("a greeting for another service", 0, received(Leg.CONTROL, new Message.Greeting("nfs")), Leg.CONTROL,
                        ErrorCode.REFUSED, "greeting asks for service \"nfs\" but this agent serves \"fs-backup\""),
                row("PairSession before the greeting", 0, received(Leg.ERRORS, new Message.PairSession(20)), Leg.ERRORS,
                        ErrorCode.UNEXPECTED_FRAME, "ERRORS leg: state is IDLE but got PairSession[token=20]; expected nothing before the Greeting"),
                row("a second greeting on the control connection", 1, received(Leg.CONTROL, new Message.Greeting("fs-backup")),
                        Leg.CONTROL, ErrorCode.UNEXPECTED_FRAME, "CONTROL leg: state is AWAIT_LEGS but got Greeting"),
                row("PairSession naming another session", 1, received(Leg.ERRORS, new Message.PairSession(21)), Leg.ERRORS,
                        ErrorCode.REFUSED, "the server names session 21 but this is session 20"),
                row("StgOffer naming another session", 1, received(Leg.STG, new Message.StgOffer(7, 3, 16)), Leg.STG,
                        ErrorCode.REFUSED, "STG leg: the server names session 7 but this is session 20"),
                row("an STP listener before any offer", 1, listening(Leg.DATA, new SockAddr.Stp(3, 41)), Leg.DATA,
                        ErrorCode.INTERNAL, "DATA leg: state is IDLE but got Listening"),
                row("a second StgOffer while listening", 2, received(Leg.STG, new Message.StgOffer(20, 3, 16)), Leg.STG,
                        ErrorCode.UNEXPECTED_FRAME, "STG leg: state is LISTENING but got StgOffer"),
                row("a second PairSession", 4, received(Leg.ERRORS, new Message.PairSession(20)), Leg.ERRORS,
                        ErrorCode.UNEXPECTED_FRAME, "ERRORS leg: state is DONE but got PairSession"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongEvents")
    void aWrongEventFailsTheSessionNamingStateAndEvent(MachineCases.Row row) {
        for (int i = 0; i < row.prefix(); i++) {
            handshake.on(HAPPY.get(i));
        }
        WireException reason = MachineCases.assertFails(handshake.on(row.bad()), row);
        assertEquals(State.FAILED, handshake.state(row.leg()));
        assertEquals(reason, handshake.failure());
        assertEquals(List.of(), handshake.on(HAPPY.get(4)), "after a failure every event is ignored");
    }

    static Stream<Arguments> firstMessages() {
        return Stream.of(
                Arguments.of(Named.of("a Greeting on the WKP", new Message.Greeting("fs-backup")), false, Leg.CONTROL),
                Arguments.of(Named.of("a PairSession on the WKP", new Message.PairSession(4)), false, Leg.ERRORS),
                Arguments.of(Named.of("a StgOffer on WKP+1", new Message.StgOffer(4, 1, 1)), true, Leg.STG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstMessages")
    void theFirstMessageOfAConnectionSaysWhichLegItIs(Message first, boolean nextPort, Leg leg) throws WireException {
        assertEquals(leg, FsAgentHandshake.legFor(nextPort, first));
    }

    static Stream<Arguments> wrongFirstMessages() {
        return Stream.of(
                Arguments.of(Named.of("StpPort on the WKP", new Message.StpPort(5)), false,
                        "first message on the well-known port is StpPort[port=5] but expected Greeting or PairSession"),
                Arguments.of(Named.of("a StgOffer on the WKP", new Message.StgOffer(4, 1, 1)), false,
                        "is StgOffer[session=4, group=1, ringTracks=1] but expected Greeting or PairSession"),
                Arguments.of(Named.of("a Greeting on WKP+1", new Message.Greeting("fs-backup")), true,
                        "first message on the port after the well-known port is Greeting[service=fs-backup] but expected StgOffer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongFirstMessages")
    void aConnectionOpeningWithTheWrongMessageIsUnexpected(Message first, boolean nextPort, String fragment) {
        WireException e = assertThrows(WireException.class, () -> FsAgentHandshake.legFor(nextPort, first));
        assertEquals(ErrorCode.UNEXPECTED_FRAME, e.code());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
