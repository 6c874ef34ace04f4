package org.lanfree.connect.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import org.lanfree.connect.handshake.FsServerHandshake.State;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

/** The media server's side of the file-system handshake, without sockets. */
class FsServerHandshakeTest {

    private static final SockAddr.Net AGENT = new SockAddr.Net("10.0.0.5", 7000);
    private static final Duration T = Duration.ofSeconds(10);
    private static final Duration PORT_WAIT = Duration.ofSeconds(4);
    private final FsServerHandshake handshake = new FsServerHandshake(AGENT, new StgGrant(3, 16),
            FsServerHandshake.defaultTimeouts().with(State.AWAIT_PORT, PORT_WAIT));

    /** The happy path in one order the parallel legs may take. */
    private static final List<Event> HAPPY = List.of(
            opened(Leg.CONTROL),
            received(Leg.CONTROL, new Message.SessionToken(12)),
            opened(Leg.STG),
            received(Leg.STG, new Message.StpPort(9)),
            opened(Leg.ERRORS),
            opened(Leg.DATA),
            received(Leg.ERRORS, new Message.SessionPaired(12)),
            received(Leg.CONTROL, new Message.SessionReady(12)));

    @Test
    void everyLegWalksToDoneAndTheSessionKeepsControlErrorsAndData() {
        assertEquals(List.of(new Action.Connect(Leg.CONTROL, AGENT, 0, T)), handshake.start());
        assertEquals(State.OPENING, handshake.state(Leg.CONTROL));
        assertEquals(List.of(new Action.Send(Leg.CONTROL, new Message.Greeting("fs-backup")), new Action.Receive(Leg.CONTROL, T)),
                handshake.on(HAPPY.get(0)));
        assertEquals(List.of(new Action.Fork(new Action.Connect(Leg.ERRORS, AGENT, 0, T)),
                new Action.Connect(Leg.STG, new SockAddr.Net("10.0.0.5", 7001), 0, T)), handshake.on(HAPPY.get(1)));
        assertEquals(State.AWAIT_READY, handshake.state(Leg.CONTROL));
        assertEquals(12, handshake.tokenValue());
        assertEquals(List.of(new Action.Send(Leg.STG, new Message.StgOffer(12, 3, 16)), new Action.Receive(Leg.STG, PORT_WAIT)),
                handshake.on(HAPPY.get(2)));
        assertEquals(List.of(new Action.Connect(Leg.DATA, new SockAddr.Stp(3, 9), 16, T)), handshake.on(HAPPY.get(3)));
        assertEquals(State.DONE, handshake.state(Leg.STG));
        assertEquals(List.of(new Action.Send(Leg.ERRORS, new Message.PairSession(12)), new Action.Receive(Leg.ERRORS, T)),
                handshake.on(HAPPY.get(4)));
        assertEquals(List.of(), handshake.on(HAPPY.get(5)), "the errors leg is not paired yet");
        assertEquals(List.of(new Action.Receive(Leg.CONTROL, T)), handshake.on(HAPPY.get(6)),
                "the last leg to finish reads the agent's SessionReady");
        assertEquals(List.of(new Action.Complete(EnumSet.of(Leg.CONTROL, Leg.ERRORS, Leg.DATA))), handshake.on(HAPPY.get(7)));
        for (Leg leg : List.of(Leg.CONTROL, Leg.ERRORS, Leg.STG, Leg.DATA)) {
            assertEquals(State.DONE, handshake.state(leg), leg.name());
        }
    }

    @Test
    void whenTheErrorsLegFinishesFirstTheDataLegReadsSessionReady() {
        handshake.start();
        handshake.on(HAPPY.get(0));
        handshake.on(HAPPY.get(1));
        handshake.on(opened(Leg.ERRORS));
        assertEquals(List.of(), handshake.on(received(Leg.ERRORS, new Message.SessionPaired(12))));
        handshake.on(opened(Leg.STG));
        handshake.on(received(Leg.STG, new Message.StpPort(9)));
        assertEquals(List.of(new Action.Receive(Leg.CONTROL, T)), handshake.on(opened(Leg.DATA)));
    }

    static Stream<Arguments> wrongEvents() {
        return Stream.of(
                row("an event before start", -1, opened(Leg.CONTROL), Leg.CONTROL, ErrorCode.INTERNAL,
                        "CONTROL leg: state is IDLE but got Opened"),
                row("StpPort while awaiting the token", 1, received(Leg.CONTROL, new Message.StpPort(9)), Leg.CONTROL,
                        ErrorCode.UNEXPECTED_FRAME, "CONTROL leg: state is AWAIT_TOKEN but got StpPort[port=9]; expected SessionToken"),
                row("the greeting echoed back", 1, received(Leg.CONTROL, new Message.Greeting("fs-backup")), Leg.CONTROL,
                        ErrorCode.UNEXPECTED_FRAME, "state is AWAIT_TOKEN but got Greeting[service=fs-backup]"),
                row("a message on a leg still opening", 2, received(Leg.ERRORS, new Message.SessionPaired(12)), Leg.ERRORS,
                        ErrorCode.UNEXPECTED_FRAME, "ERRORS leg: state is OPENING but got SessionPaired[token=12]"),
                row("StgOffer sent back instead of a port", 3, received(Leg.STG, new Message.StgOffer(12, 3, 16)), Leg.STG,
                        ErrorCode.UNEXPECTED_FRAME, "STG leg: state is AWAIT_PORT but got StgOffer[session=12, group=3, ringTracks=16]; expected StpPort"),
                row("SessionPaired naming another session", 5, received(Leg.ERRORS, new Message.SessionPaired(13)), Leg.ERRORS,
                        ErrorCode.UNEXPECTED_FRAME, "the agent names session 13 but this session is 12"),
                row("SessionReady before the errors leg is paired", 6, received(Leg.CONTROL, new Message.SessionReady(12)),
                        Leg.CONTROL, ErrorCode.UNEXPECTED_FRAME,
                        "state is AWAIT_READY but got SessionReady[token=12]; expected nothing until the ERRORS and DATA legs are up"),
                row("the data connection opening twice", 6, opened(Leg.DATA), Leg.DATA, ErrorCode.INTERNAL,
                        "DATA leg: state is DONE but got Opened"),
                row("SessionReady naming another session", 7, received(Leg.CONTROL, new Message.SessionReady(99)), Leg.CONTROL,
                        ErrorCode.UNEXPECTED_FRAME, "the agent names session 99 but this session is 12"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongEvents")
    void aWrongEventFailsTheHandshakeNamingStateAndEvent(MachineCases.Row row) {
        if (row.prefix() >= 0) {
            handshake.start();
        }
        for (int i = 0; i < row.prefix(); i++) {
            handshake.on(HAPPY.get(i));
        }
        MachineCases.assertFails(handshake.on(row.bad()), row);
        assertEquals(State.FAILED, handshake.state(row.leg()));
        assertEquals(List.of(), handshake.on(HAPPY.get(7)), "after a failure every event is ignored");
    }

    @Test
    void anIoFailureFailsTheHandshakeOnceNamingLegAndState() {
        handshake.start();
        handshake.on(HAPPY.get(0));
        handshake.on(HAPPY.get(1));
        handshake.on(HAPPY.get(2));
        List<Action> actions = handshake.onFailure(Leg.STG, new WireException(ErrorCode.TIMEOUT, "no frame within 4000 ms"));
        WireException reason = ((Action.Fail) actions.get(0)).reason();
        assertEquals(ErrorCode.TIMEOUT, reason.code());
        assertTrue(reason.getMessage().contains("STG leg failed in state AWAIT_PORT: no frame within 4000 ms"), reason.getMessage());
        assertEquals(List.of(), handshake.onFailure(Leg.ERRORS, new WireException(ErrorCode.IO_FAILED, "closed")));
    }
}
