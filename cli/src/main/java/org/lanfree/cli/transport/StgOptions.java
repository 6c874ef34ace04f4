package org.lanfree.cli.transport;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.connect.handshake.StgGrant;

import picocli.CommandLine.Option;

/** The media server's choice of STG group and ring length for a session's data connection. */
final class StgOptions {

    @Option(names = "--group", paramLabel = "G", defaultValue = "1", order = 10,
            description = "STG group that carries the data (default: ${DEFAULT-VALUE}).")
    int group;

    @Option(names = "--ring", paramLabel = "TRACKS", defaultValue = "0", order = 11,
            description = "Ring length per direction, in tracks; 0 takes the group's default (default: ${DEFAULT-VALUE}).")
    int ring;

    StgGrant grant() {
        if (group < 0) {
            throw CommandFailure.usage("--group " + group + " is negative; expected an STG group id of the array");
        }
        if (ring < 0) {
            throw CommandFailure.usage("--ring " + ring + " is negative; expected 0 (the group's default) or more tracks");
        }
        return new StgGrant(group, ring);
    }
}
