package org.lanfree.media.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the media server on SIGTERM or SIGINT so that it exits 0 after a clean stop (a shutdown
 * hook alone would leave the JVM's exit code at 143). Falls back to a shutdown hook where the
 * JDK offers no signal API.
 */
final class StopSignals {

    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    static void onTermOrInt(Runnable stop) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    log.info("media-server: SIG{} received, stopping", signal.getName());
                    stop.run();
                });
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop, "media-server-shutdown"));
        }
    }
}
