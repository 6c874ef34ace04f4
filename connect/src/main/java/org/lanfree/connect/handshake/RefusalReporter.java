package org.lanfree.connect.handshake;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

import org.lanfree.connect.wire.WireException;
import org.slf4j.Logger;

/** Hands a listener's refusals to the callback its owner set; nobody listening by default. */
final class RefusalReporter {

    private final String component;
    private final Logger log;
    private volatile Consumer<Refusal> callback = refusal -> { };

    RefusalReporter(String component, Logger log) {
        this.component = component;
        this.log = log;
    }

    void set(Consumer<Refusal> callback) {
        this.callback = Objects.requireNonNull(callback, "callback");
    }

    /** Reports that the connection from {@code peer} was turned away for {@code reason}. */
    void report(Object peer, Exception reason) {
        try {
            callback.accept(new Refusal(String.valueOf(peer), WireException.of(
                    reason instanceof IOException io ? io : new IOException(reason))));
        } catch (RuntimeException e) {
            log.warn("{}: refusal callback failed: {}", component, e.toString());
        }
    }
}
