package org.lanfree.connect.handshake;

import java.util.Objects;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.wire.Message;

/** What happened on a leg; fed to a handshake's transition function. */
public sealed interface Event {

    Leg leg();

    /** The leg's connection is open (connected or accepted) and the peer authenticated. */
    record Opened(Leg leg, SockAddr peer) implements Event {
        public Opened {
            Objects.requireNonNull(leg, "leg");
        }
    }

    /** The leg's listening socket is open at {@code address} (what getsockname returned). */
    record Listening(Leg leg, SockAddr address) implements Event {
        public Listening {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(address, "address");
        }
    }

    /** A message arrived on the leg. */
    record Received(Leg leg, Message message) implements Event {
        public Received {
            Objects.requireNonNull(leg, "leg");
            Objects.requireNonNull(message, "message");
        }
    }
}
