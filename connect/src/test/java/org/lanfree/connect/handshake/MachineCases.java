package org.lanfree.connect.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

/** Events to feed state machines, and the check of a failure-table row. */
final class MachineCases {

    private MachineCases() {
    }

    static Event opened(Leg leg) {
        return new Event.Opened(leg, new SockAddr.Net("127.0.0.1", 1));
    }

    static Event received(Leg leg, Message message) {
        return new Event.Received(leg, message);
    }

    static Event listening(Leg leg, SockAddr address) {
        return new Event.Listening(leg, address);
    }

    /** A row: replay the first {@code prefix} events of the happy path, then feed {@code bad}. */
    record Row(int prefix, Event bad, Leg leg, ErrorCode code, String fragment) {
    }

    static Arguments row(String name, int prefix, Event bad, Leg leg, ErrorCode code, String fragment) {
        return Arguments.of(Named.of(name, new Row(prefix, bad, leg, code, fragment)));
    }

    /** Checks that {@code actions} is exactly one Fail on {@code row}'s leg with its code and fragment. */
    static WireException assertFails(List<Action> actions, Row row) {
        assertEquals(1, actions.size(), actions.toString());
        Action.Fail fail = (Action.Fail) actions.get(0);
        assertEquals(row.leg(), fail.leg());
        assertEquals(row.code(), fail.reason().code(), fail.reason().getMessage());
        assertTrue(fail.reason().getMessage().contains(row.fragment()), fail.reason().getMessage());
        return fail.reason();
    }
}
