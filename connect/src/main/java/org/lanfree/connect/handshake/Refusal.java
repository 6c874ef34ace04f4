package org.lanfree.connect.handshake;

import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.WireException;

/**
 * A connection a listener turned away (a stranger, a wrong secret, a handshake that broke):
 * who it came from and why. Listeners report each one to their refusal callback.
 */
public record Refusal(String peer, WireException reason) {

    /** Whether the peer failed to prove it holds the shared secret. */
    public boolean authentication() {
        return reason.code() == ErrorCode.AUTH_FAILED || reason.peerCode().filter(ErrorCode.AUTH_FAILED::equals).isPresent();
    }
}
