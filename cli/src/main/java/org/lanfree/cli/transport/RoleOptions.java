package org.lanfree.cli.transport;

import java.nio.file.Path;
import java.time.Duration;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.connect.auth.SharedSecret;

import picocli.CommandLine.Option;

/** The options every role of the transport check takes. */
final class RoleOptions {

    @Option(names = "--channel", paramLabel = "ADDR", required = true, order = 1,
            description = "Where this host attaches to the array: unix:PATH (the array's Unix socket: payload moves "
                    + "through the mapped cache) or tcp:HOST:PORT (the array's TCP channel).")
    String channel;

    @Option(names = "--secret-file", paramLabel = "FILE", required = true, order = 2,
            description = "File whose bytes (at least 16) are the secret this host and its peer share; both "
                    + "hosts need the same one.")
    Path secretFile;

    @Option(names = "--channel-secret-file", paramLabel = "FILE", order = 15,
            description = "The array's channel secret (channel.secret-file in array.conf), when the array has one.")
    Path channelSecretFile;

    @Option(names = "--stall-timeout", paramLabel = "SECONDS", defaultValue = "20", order = 20,
            description = "Fail when the peer sends nothing for this long (default: ${DEFAULT-VALUE}).")
    int stallSeconds;

    @Option(names = "--json", order = 21, description = "Print results as JSON for scripts (no progress lines).")
    boolean json;

    /** Reads the secret file; a bad one is a usage error naming it. */
    SharedSecret secret() {
        return SecretFile.read("--secret-file", secretFile);
    }

    Duration stall() {
        if (stallSeconds < 1) {
            throw CommandFailure.usage("--stall-timeout " + stallSeconds + " is too short; expected at least 1 second");
        }
        return Duration.ofSeconds(stallSeconds);
    }

    /** Attaches to the array as {@code role}. */
    ArrayHost attach(String role) {
        SharedSecret channelSecret = channelSecretFile == null ? null
                : SecretFile.read("--channel-secret-file", channelSecretFile);
        return ArrayHost.attach(channel, role, channelSecret);
    }
}
