package org.lanfree.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanfree.cli.Cli;
import org.lanfree.testkit.TempHome;

/** Bad command lines and secret files: exit 2 and a message naming what is wrong; no array needed. */
class TransportUsageTest {

    private static final TempHome HOME = TempHome.create("tusage");
    private static final String SHORT = HOME.write("short.secret", "too short").toString();
    private static final String GOOD = HOME.write("good.secret", "sixteen bytes or more").toString();
    private static final String MISSING = HOME.resolve("missing.secret").toString();
    private static final String NO_ARRAY = "unix:" + HOME.resolve("run/array.sock");

    @AfterAll
    static void removeHome() {
        HOME.close();
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                bad("a missing secret file", 2, "--secret-file " + MISSING + " does not exist; expected a file holding"
                        + " a shared secret of 16 bytes or more",
                        "fs-server", "--channel", NO_ARRAY, "--secret-file", MISSING, "--agent", "127.0.0.1:7000", "--bytes", "1M"),
                bad("a secret file too short", 2, "--secret-file " + SHORT + " holds 9 bytes but a shared secret needs at least 16",
                        "db-agent", "--channel", NO_ARRAY, "--secret-file", SHORT, "--server", "127.0.0.1:7000", "--bytes", "1M"),
                bad("a missing channel secret file", 2, "--channel-secret-file " + MISSING + " does not exist",
                        "fs-agent", "--channel", NO_ARRAY, "--secret-file", GOOD, "--channel-secret-file", MISSING,
                        "--listen", "127.0.0.1:0"),
                bad("a size that is not one", 2, "'1Q' is not a size",
                        "fs-server", "--channel", NO_ARRAY, "--secret-file", GOOD, "--agent", "127.0.0.1:7000", "--bytes", "1Q"),
                bad("an address without a port", 2, "'localhost' is not HOST:PORT",
                        "db-agent", "--channel", NO_ARRAY, "--secret-file", GOOD, "--server", "localhost", "--bytes", "1M"),
                bad("an agent port with no next port", 2, "port 65535 leaves no next port",
                        "fs-server", "--channel", NO_ARRAY, "--secret-file", GOOD, "--agent", "127.0.0.1:65535", "--bytes", "1M"),
                bad("a negative session count", 2, "--sessions -1 is negative",
                        "db-server", "--channel", NO_ARRAY, "--secret-file", GOOD, "--listen", "127.0.0.1:0", "--sessions", "-1"),
                bad("a channel address without a port", 2, "lacks a port",
                        "fs-agent", "--channel", "tcp:localhost", "--secret-file", GOOD, "--listen", "127.0.0.1:0"),
                bad("no array at the channel", 1, "fs-agent cannot attach to the array at " + NO_ARRAY,
                        "fs-agent", "--channel", NO_ARRAY, "--secret-file", GOOD, "--listen", "127.0.0.1:0"),
                bad("no role", 2, "transport needs a role: fs-agent, fs-server, db-server or db-agent"));
    }

    private static Arguments bad(String name, int exitCode, String message, String... roleArgs) {
        String[] args = new String[roleArgs.length + 1];
        args[0] = "transport";
        System.arraycopy(roleArgs, 0, args, 1, roleArgs.length);
        return Arguments.of(Named.of(name, args), exitCode, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommandLines")
    void badUsageExitsWithAMessageNamingTheProblem(String[] args, int exitCode, String message) {
        Cli.Result r = Cli.run(args);
        assertEquals(exitCode, r.exitCode(), r.toString());
        assertTrue(r.err().contains(message), r.toString());
        assertEquals("", r.out(), r.toString());
    }
}
