package org.lanfree.connect.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lanfree.connect.handshake.MachineCases.listening;
import static org.lanfree.connect.handshake.MachineCases.opened;
import static org.lanfree.connect.handshake.MachineCases.received;
import static org.lanfree.connect.handshake.MachineCases.row;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.handshake.DbClientHandshake.State;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

/** The database agent's side of the database handshake, without sockets. */
class DbClientHandshakeTest {

    private static final SockAddr.Net SERVER = new SockAddr.Net("10.0.0.1", 6000);
    private static final Duration T = Duration.ofSeconds(10);
    private static final Duration CALLBACK = Duration.ofSeconds(30);
    private final DbClientHandshake handshake = new DbClientHandshake(SERVER, "pg-main", "10.0.0.9",
            DbClientHandshake.defaultTimeouts());

    private static final List<Event> HAPPY = List.of(
            listening(Leg.CALLBACK, new SockAddr.Net("10.0.0.9", 5555)),
            opened(Leg.REQUEST),
            received(Leg.REQUEST, new Message.CallbackAck(8)),
            opened(Leg.CALLBACK),
            received(Leg.CALLBACK, new Message.StgOffer(8, 2, 4)),
            listening(Leg.DATA, new SockAddr.Stp(2, 77)),
            opened(Leg.DATA));

    private void replay(int count) {
        handshake.start();
        for (int i = 0; i < count; i++) {
            handshake.on(HAPPY.get(i));
        }
    }

    @Test
    void theAgentListensAsksIsCalledBackAndAcceptsThroughTheArray() {
        assertEquals(List.of(new Action.Listen(Leg.CALLBACK, new SockAddr.Net("10.0.0.9", 0), 4)), handshake.start());
        assertEquals(List.of(new Action.Connect(Leg.REQUEST, SERVER, 0, T)), handshake.on(HAPPY.get(0)));
        assertEquals(List.of(new Action.Send(Leg.REQUEST, new Message.DbCallback("pg-main", 5555)),
                new Action.Receive(Leg.REQUEST, T)), handshake.on(HAPPY.get(1)));
        assertEquals(List.of(new Action.Fork(new Action.Receive(Leg.REQUEST, Duration.ZERO)),
                new Action.Accept(Leg.CALLBACK, CALLBACK, T)), handshake.on(HAPPY.get(2)));
        assertEquals(8, handshake.session());
        assertEquals(List.of(new Action.Receive(Leg.CALLBACK, T)), handshake.on(HAPPY.get(3)));
        assertEquals(List.of(new Action.Listen(Leg.DATA, new SockAddr.Stp(2, 0), 1)), handshake.on(HAPPY.get(4)));
        assertEquals(new StgGrant(2, 4), handshake.grant());
        assertEquals(List.of(new Action.Send(Leg.CALLBACK, new Message.StpPort(77)), new Action.Accept(Leg.DATA, T, T)),
                handshake.on(HAPPY.get(5)));
        assertEquals(List.of(new Action.Complete(EnumSet.of(Leg.DATA))), handshake.on(HAPPY.get(6)));
        assertEquals(State.DONE, handshake.state());
    }

    @Test
    void aCallBackNamingAnotherSessionIsRefusedAndTheAgentKeepsWaiting() {
        replay(4);
        List<Action> actions = handshake.on(received(Leg.CALLBACK, new Message.StgOffer(9, 2, 4)));
        assertEquals(State.AWAIT_CALLBACK, handshake.state());
        Action.Refuse refuse = (Action.Refuse) actions.get(0);
        assertEquals(ErrorCode.REFUSED, refuse.reason().code());
        assertTrue(refuse.reason().getMessage().contains("the call back names session 9 but this agent waits for session 8"),
                refuse.reason().getMessage());
        assertEquals(new Action.Accept(Leg.CALLBACK, CALLBACK, T), actions.get(1));
        handshake.on(opened(Leg.CALLBACK));
        assertEquals(List.of(new Action.Listen(Leg.DATA, new SockAddr.Stp(2, 0), 1)),
                handshake.on(received(Leg.CALLBACK, new Message.StgOffer(8, 2, 4))));
    }

    @Test
    void aCallBackThatMisbehavesAfterAuthenticatingIsRefusedButItsErrorReportIsNot() {
        replay(4);
        List<Action> silent = handshake.onFailure(Leg.CALLBACK, new WireException(ErrorCode.TIMEOUT, "no frame"));
        assertTrue(silent.get(0) instanceof Action.Refuse, silent.toString());
        assertEquals(State.AWAIT_CALLBACK, handshake.state());
        handshake.on(opened(Leg.CALLBACK));
        List<Action> wrong = handshake.on(received(Leg.CALLBACK, new Message.Greeting("fs-backup")));
        assertTrue(wrong.get(0) instanceof Action.Refuse, wrong.toString());
        handshake.on(opened(Leg.CALLBACK));
        List<Action> told = handshake.onFailure(Leg.CALLBACK,
                WireException.raisedBy("10.0.0.1:6000", ErrorCode.REFUSED, "client pg-main has no grant"));
        assertTrue(told.get(0) instanceof Action.Fail, told.toString());
        assertEquals(State.FAILED, handshake.state());
    }

    @Test
    void theServerClosingTheRequestOnceThePortIsSentIsNoFailure() {
        replay(6);
        assertEquals(List.of(), handshake.onFailure(Leg.REQUEST, new WireException(ErrorCode.PEER_CLOSED, "closed")));
        assertEquals(State.ACCEPTING_STP, handshake.state());
    }

    @Test
    void theServerClosingTheRequestWhileTheAgentWaitsForTheCallBackIsAFailure() {
        replay(3);
        List<Action> actions = handshake.onFailure(Leg.REQUEST, new WireException(ErrorCode.PEER_CLOSED, "closed"));
        assertTrue(((Action.Fail) actions.get(0)).reason().getMessage().contains("REQUEST leg failed in state AWAIT_CALLBACK"));
    }

    static Stream<Arguments> wrongEvents() {
        return Stream.of(
                row("a connection reported before the listener", 0, opened(Leg.REQUEST), Leg.REQUEST, ErrorCode.INTERNAL,
                        "REQUEST leg: state is LISTENING but got Opened"),
                row("StpPort instead of the acknowledgement", 2, received(Leg.REQUEST, new Message.StpPort(1)), Leg.REQUEST,
                        ErrorCode.UNEXPECTED_FRAME, "REQUEST leg: state is AWAIT_ACK but got StpPort[port=1]; expected CallbackAck on REQUEST"),
                row("a message on the request while waiting for the call back", 3,
                        received(Leg.REQUEST, new Message.CallbackAck(8)), Leg.REQUEST, ErrorCode.UNEXPECTED_FRAME,
                        "REQUEST leg: state is AWAIT_CALLBACK but got CallbackAck[session=8]; expected the server's call back"),
                row("the STP listener reported on the call-back leg", 5, listening(Leg.CALLBACK, new SockAddr.Stp(2, 77)),
                        Leg.CALLBACK, ErrorCode.INTERNAL, "CALLBACK leg: state is LISTENING_STP but got Listening"),
                row("a message on the call back after the port was sent", 6, received(Leg.CALLBACK, new Message.StpPort(3)),
                        Leg.CALLBACK, ErrorCode.UNEXPECTED_FRAME, "state is ACCEPTING_STP but got StpPort[port=3]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongEvents")
    void aWrongEventFailsTheHandshakeNamingStateAndEvent(MachineCases.Row row) {
        replay(row.prefix());
        MachineCases.assertFails(handshake.on(row.bad()), row);
        assertEquals(State.FAILED, handshake.state());
        assertEquals(List.of(), handshake.on(HAPPY.get(6)));
    }
}
