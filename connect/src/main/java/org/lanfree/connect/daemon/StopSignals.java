package org.lanfree.connect.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a daemon on SIGTERM or SIGINT so that it exits 0 after a clean stop (a shutdown hook
 * alone would leave the JVM's exit code at 143). Falls back to a shutdown hook where the JDK
 * offers no signal API. One copy for every daemon: they all depend on {@code connect}.
 */
public final class StopSignals {

    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    /** Runs {@code stop} on SIGTERM or SIGINT; {@code daemon} names it in the log line. */
    public static void onTermOrInt(String daemon, Runnable stop) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    log.info("{}: SIG{} received, stopping", daemon, signal.getName());
                    stop.run();
                });
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop, daemon + "-shutdown"));
        }
    }
}
