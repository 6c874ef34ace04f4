package org.lanfree.connect.handshake;

import java.util.List;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.WireException;

/** A handshake's transition function as its driver sees it. Implementations do no I/O. */
interface HandshakeMachine {

    /** The first actions. */
    List<Action> start();

    /** The actions that follow {@code event}. */
    List<Action> on(Event event);

    /** The actions that follow a failed action on {@code leg}: usually a {@link Action.Fail}. */
    List<Action> onFailure(Leg leg, WireException error);

    /** Builds the error for an event the state does not allow: "state is X but got Y". */
    static WireException unexpected(Leg leg, Enum<?> state, Event event, String expected) {
        if (event instanceof Event.Received received) {
            return new WireException(ErrorCode.UNEXPECTED_FRAME, leg
                    + " leg: state is " + state + " but got " + received.message() + "; expected " + expected);
        }
        return new WireException(ErrorCode.INTERNAL, leg
                + " leg: state is " + state + " but got " + event + "; expected " + expected);
    }
}
