package org.lanfree.connect.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.lanfree.connect.handshake.DbServerHandshake.State;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

/** The media server's side of the database handshake, without sockets. */
class DbServerHandshakeTest {

    private static final Duration T = Duration.ofSeconds(10);
    static final StgPolicy POLICY = client -> {
        if (client.equals("evil")) {
            throw new WireException(ErrorCode.REFUSED, "client evil has no STG grant; HINT: add it to the policy");
        }
        return new StgGrant(2, 4);
    };
    private final DbServerHandshake handshake = new DbServerHandshake(6, "10.0.0.9", POLICY, DbServerHandshake.defaultTimeouts());

    private static final List<Event> HAPPY = List.of(
            received(Leg.REQUEST, new Message.DbCallback("pg-main", 5555)),
            opened(Leg.CALLBACK),
            received(Leg.CALLBACK, new Message.StpPort(77)),
            opened(Leg.DATA));

    @Test
    void theServerAcknowledgesCallsBackOffersAGroupAndConnectsThroughTheArray() {
        assertEquals(List.of(new Action.Receive(Leg.REQUEST, T)), handshake.start());
        assertEquals(List.of(new Action.Send(Leg.REQUEST, new Message.CallbackAck(6)),
                new Action.Connect(Leg.CALLBACK, new SockAddr.Net("10.0.0.9", 5555), 0, T)), handshake.on(HAPPY.get(0)));
        assertEquals("pg-main", handshake.client());
        assertEquals(List.of(new Action.Send(Leg.CALLBACK, new Message.StgOffer(6, 2, 4)), new Action.Receive(Leg.CALLBACK, T)),
                handshake.on(HAPPY.get(1)));
        assertEquals(List.of(new Action.Connect(Leg.DATA, new SockAddr.Stp(2, 77), 4, T)), handshake.on(HAPPY.get(2)));
        assertEquals(List.of(new Action.Complete(EnumSet.of(Leg.DATA))), handshake.on(HAPPY.get(3)));
        assertEquals(State.DONE, handshake.state());
    }

    static Stream<Arguments> wrongEvents() {
        return Stream.of(
                row("a request without a client name", 0, received(Leg.REQUEST, new Message.DbCallback(" ", 5555)),
                        Leg.REQUEST, ErrorCode.REFUSED, "the request names no client"),
                row("a call-back port of zero", 0, received(Leg.REQUEST, new Message.DbCallback("pg-main", 0)), Leg.REQUEST,
                        ErrorCode.REFUSED, "client pg-main: call-back port 0 is not a port to connect to; expected 1-65535"),
                row("a client the policy refuses", 0, received(Leg.REQUEST, new Message.DbCallback("evil", 5555)),
                        Leg.REQUEST, ErrorCode.REFUSED, "client evil has no STG grant"),
                row("a greeting instead of a request", 0, received(Leg.REQUEST, new Message.Greeting("fs-backup")),
                        Leg.REQUEST, ErrorCode.UNEXPECTED_FRAME,
                        "REQUEST leg: state is AWAIT_REQUEST but got Greeting[service=fs-backup]; expected DbCallback on REQUEST"),
                row("a second request", 1, received(Leg.REQUEST, new Message.DbCallback("pg-main", 5555)), Leg.REQUEST,
                        ErrorCode.UNEXPECTED_FRAME, "REQUEST leg: state is OPENING_CALLBACK but got DbCallback"),
                row("the offer echoed back on the call back", 2, received(Leg.CALLBACK, new Message.StgOffer(6, 2, 4)),
                        Leg.CALLBACK, ErrorCode.UNEXPECTED_FRAME, "CALLBACK leg: state is AWAIT_PORT but got StgOffer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongEvents")
    void aWrongEventFailsTheHandshakeNamingStateAndEvent(MachineCases.Row row) {
        handshake.start();
        for (int i = 0; i < row.prefix(); i++) {
            handshake.on(HAPPY.get(i));
        }
        MachineCases.assertFails(handshake.on(row.bad()), row);
        assertEquals(State.FAILED, handshake.state());
    }

    @Test
    void aFinishedHandshakeIgnoresLateEventsAndFailures() {
        handshake.start();
        HAPPY.forEach(handshake::on);
        assertEquals(List.of(), handshake.on(opened(Leg.DATA)));
        assertEquals(List.of(), handshake.onFailure(Leg.REQUEST, new WireException(ErrorCode.PEER_CLOSED, "closed")));
        assertEquals(State.DONE, handshake.state());
    }
}
