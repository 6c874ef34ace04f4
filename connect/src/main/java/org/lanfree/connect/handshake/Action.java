package org.lanfree.connect.handshake;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.WireException;

/** What a handshake's transition function asks its driver to do next. */
public sealed interface Action {

    /** The leg the action works on. */
    Leg leg();

    /**
     * socket, (setRingTracks for STP), connect to {@code address}, then authenticate the peer as
     * the connecting side; reports {@link Event.Opened}.
     */
    record Connect(Leg leg, SockAddr address, int ringTracks, Duration timeout) implements Action {
        public Connect {
            Objects.requireNonNull(address, "address");
        }
    }

    /** socket, bind {@code address}, listen, getsockname; reports {@link Event.Listening}. */
    record Listen(Leg leg, SockAddr address, int backlog) implements Action {
        public Listen {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * accept on the leg's listening socket and authenticate the peer as the accepting side,
     * giving each peer {@code authTimeout} per frame; peers that fail authentication are refused
     * and the wait goes on, up to {@code timeout} in all. Reports {@link Event.Opened}.
     */
    record Accept(Leg leg, Duration timeout, Duration authTimeout) implements Action {
    }

    /** send a message on the leg. */
    record Send(Leg leg, Message message) implements Action {
        public Send {
            Objects.requireNonNull(message, "message");
        }
    }

    /** recv the next message on the leg, waiting up to {@code timeout} (zero: until the leg closes). */
    record Receive(Leg leg, Duration timeout) implements Action {
    }

    /** Tell the leg's peer why with an ERROR frame, close the leg; the handshake goes on. */
    record Refuse(Leg leg, WireException reason) implements Action {
    }

    /** Run {@code first}, and what follows from it, on a thread of its own. */
    record Fork(Action first) implements Action {
        @Override
        public Leg leg() {
            return first.leg();
        }
    }

    /** The handshake succeeded: keep the connections of {@code keep}, close every other socket. */
    record Complete(Set<Leg> keep) implements Action {
        public Complete {
            keep = Collections.unmodifiableSet(EnumSet.copyOf(keep));
        }

        @Override
        public Leg leg() {
            return keep.iterator().next();
        }
    }

    /** The handshake failed: tell the peers why where possible, close every socket. */
    record Fail(Leg leg, WireException reason) implements Action {
    }
}
