package org.lanfree.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The transport check end to end: array-sim and the two hosts of each handshake as separate
 * processes, each moving 1 GiB through an STP connection with the SHA-256 checked on both ends,
 * with both hosts on the shared-memory channel, both on the TCP channel, and one on each.
 */
class TransportEndToEndTest {

    private static final long GIB = 1L << 30;
    private static final Duration TRANSFER_LIMIT = Duration.ofMinutes(2);
    private static final Duration LISTENER_EXIT = Duration.ofSeconds(30);
    /** A listening role's line for a session that checked out: direction, byte count, digest. */
    private static final Pattern SESSION_OK = Pattern.compile(
            "^\\S+: session .*: (sent|received) \\S+ \\S+ \\((\\d+) bytes\\) .* sha256 ([0-9a-f]{64}), OK$",
            Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ArrayProcess array;
    private static String secret;

    /** Which channel each host attaches over: the listening host first, the dialing host second. */
    enum Channels {
        SHARED_MEMORY, TCP, MIXED;

        String listening(ArrayProcess a) {
            return this == TCP ? a.tcpChannel() : a.unixChannel();
        }

        String dialing(ArrayProcess a) {
            return this == SHARED_MEMORY ? a.unixChannel() : a.tcpChannel();
        }
    }

    @BeforeAll
    static void startArray() throws IOException {
        array = ArrayProcess.start("e2e");
        secret = array.home.write("peer.secret", "a secret shared by both hosts of the check\n").toString();
    }

    @AfterAll
    static void stopArray() {
        if (array != null) {
            array.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Channels.class)
    void fileSystemFlowMovesOneGibibyteThroughTheArrayAndBothEndsAgreeOnItsDigest(Channels channels) throws IOException {
        long movedBefore = array.bytesMoved();
        try (Host agent = Host.start(array, "fs-agent", channels.listening(array), secret,
                "--listen", "127.0.0.1:0", "--sessions", "1")) {
            int wkp = agent.listeningPort();
            try (Host server = Host.start(array, "fs-server", channels.dialing(array), secret,
                    "--agent", "127.0.0.1:" + wkp, "--bytes", "1G", "--json")) {
                assertEquals(0, server.exitCode(TRANSFER_LIMIT), server.output());
                assertEquals(0, agent.exitCode(LISTENER_EXIT), agent.output());

                JsonNode received = json(server);
                assertEquals("OK", received.get("verdict").asText(), received.toString());
                assertEquals(GIB, received.get("bytes").asLong());
                assertEquals(received.get("sha256").asText(), received.get("peerSha256").asText());
                Matcher sent = sessionLine(agent);
                assertEquals("sent", sent.group(1));
                assertEquals(GIB, Long.parseLong(sent.group(2)));
                assertEquals(received.get("sha256").asText(), sent.group(3), "the digests of the two ends differ");
                report("file-system", channels, received);
            }
        }
        assertMovedAtLeast(GIB, movedBefore);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Channels.class)
    void databaseFlowMovesOneGibibyteThroughTheArrayAndBothEndsAgreeOnItsDigest(Channels channels) throws IOException {
        long movedBefore = array.bytesMoved();
        try (Host server = Host.start(array, "db-server", channels.listening(array), secret,
                "--listen", "127.0.0.1:0", "--sessions", "1")) {
            int wkp = server.listeningPort();
            try (Host agent = Host.start(array, "db-agent", channels.dialing(array), secret,
                    "--server", "127.0.0.1:" + wkp, "--bytes", "1G", "--json")) {
                assertEquals(0, agent.exitCode(TRANSFER_LIMIT), agent.output());
                assertEquals(0, server.exitCode(LISTENER_EXIT), server.output());

                JsonNode sent = json(agent);
                assertEquals("OK", sent.get("verdict").asText(), sent.toString());
                assertEquals(GIB, sent.get("bytes").asLong());
                Matcher received = sessionLine(server);
                assertEquals("received", received.group(1));
                assertEquals(GIB, Long.parseLong(received.group(2)));
                assertEquals(sent.get("sha256").asText(), received.group(3), "the digests of the two ends differ");
                assertEquals(sent.get("sha256").asText(), sent.get("peerSha256").asText());
                report("database", channels, sent);
            }
        }
        assertMovedAtLeast(GIB, movedBefore);
    }

    private static void assertMovedAtLeast(long bytes, long before) throws IOException {
        long moved = array.bytesMoved() - before;
        assertTrue(moved >= bytes, "the array's bytesMoved grew by " + moved + " but " + bytes + " went through it");
    }

    /** The JSON object a role printed with --json (log lines, if any, come before it). */
    private static JsonNode json(Host host) throws IOException {
        String out = host.output();
        int start = out.indexOf("{\n");
        assertTrue(start >= 0, host.role + " printed no JSON object:\n" + out);
        return JSON.readTree(out.substring(start));
    }

    private static Matcher sessionLine(Host host) {
        Matcher m = SESSION_OK.matcher(host.output());
        assertTrue(m.find(), host.role + " printed no session line that checked out:\n" + host.output());
        return m;
    }

    /** The rate goes to the test output, so runs can be compared. */
    private static void report(String flow, Channels channels, JsonNode result) {
        System.out.printf(Locale.ROOT, "transport e2e: %s flow, %s: %d bytes in %.2f s, %.1f MB/s%n", flow,
                channels.name().toLowerCase(Locale.ROOT), result.get("bytes").asLong(),
                result.get("seconds").asDouble(), result.get("mbPerSec").asDouble());
    }
}
