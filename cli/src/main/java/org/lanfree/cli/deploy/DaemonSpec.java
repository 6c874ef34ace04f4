package org.lanfree.cli.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How {@code up}, {@code down} and {@code status} handle one daemon of a deployment. Every method
 * takes the deployment's {@link Home}; configuration paths are relative to it.
 */
public interface DaemonSpec {

    /** Short name: names the log and pid files and the daemon in every message. */
    String name();

    /** The daemon's configuration file, relative to the home (e.g. {@code array.conf}). */
    String configFile();

    /** JVM options beyond the ones every daemon gets (e.g. a heap limit). */
    List<String> jvmOptions();

    /**
     * Writes a working default configuration; called by {@code up} when the file is absent. A
     * daemon that listens on TCP picks its ports here (see {@link FreePorts#pair()}).
     */
    void writeDefaultConfig(Home home) throws IOException;

    /**
     * Reads the configuration and fails with a {@link org.lanfree.cli.console.CommandFailure}
     * usage error naming the bad field when it cannot start the daemon.
     */
    void checkConfig(Home home);

    /** The arguments of {@code org.lanfree.cli.Main} that run the daemon in the foreground. */
    List<String> mainArgs(Home home);

    /** The readiness probe: true once the daemon accepts connections. Never throws. */
    boolean answers(Home home);

    /**
     * What {@code up} does once the daemon answers (also when it was running already), e.g.
     * registering it with another daemon; the default does nothing.
     */
    default void afterStart(Home home) {
    }

    /** Where the daemon listens, as far as its configuration tells. Never throws. */
    Endpoints endpoints(Home home);

    /**
     * Where a daemon listens: TCP ports (empty when none) and a Unix socket (null when none).
     * {@code address} is how messages name the place the readiness probe knocks on.
     */
    record Endpoints(List<Integer> ports, Path socket, String address) {

        public Endpoints {
            ports = List.copyOf(ports);
        }

        public static Endpoints unknown() {
            return new Endpoints(List.of(), null, "(unknown: configuration unreadable)");
        }
    }
}
