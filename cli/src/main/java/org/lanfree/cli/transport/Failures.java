package org.lanfree.cli.transport;

import java.io.IOException;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.connect.handshake.Refusal;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.WireException;

/** Failed handshakes and transfers as the command's final message; authentication says so first. */
final class Failures {

    private static final String SECRET_HINT = "HINT: give both hosts the same --secret-file";

    private Failures() {
    }

    /** Whether this side or the peer found that the other does not hold the shared secret. */
    static boolean authentication(WireException w) {
        return w.code() == ErrorCode.AUTH_FAILED || w.peerCode().orElse(null) == ErrorCode.AUTH_FAILED;
    }

    /** The handshake with {@code peer} (e.g. {@code fs-agent at 127.0.0.1:7000}) failed. */
    static CommandFailure handshake(String peer, IOException e) {
        WireException w = WireException.of(e);
        if (authentication(w)) {
            return CommandFailure.failed("authentication with the " + peer + " failed: " + w.getMessage()
                    + (w.getMessage().contains("HINT:") ? "" : ". " + SECRET_HINT), w);
        }
        boolean hinted = w.getMessage().contains("HINT:");
        return CommandFailure.failed("the handshake with the " + peer + " failed: " + w.getMessage()
                + (w.retryable() && !hinted ? ". HINT: check that the peer runs and its address is right, then retry" : ""), w);
    }

    /** The transfer after the handshake failed. */
    static CommandFailure transfer(IOException e) {
        WireException w = WireException.of(e);
        return CommandFailure.failed("the transfer failed: " + w.getMessage(), w);
    }

    /** A listener's refusal, as the line the listening role prints. */
    static String refusal(Refusal r) {
        return r.authentication()
                ? "authentication failed for the connection from " + r.peer() + ": " + r.reason().getMessage()
                : "the handshake with " + r.peer() + " failed: " + r.reason().getMessage();
    }
}
