package org.lanfree.cli.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.handshake.DbClientHandshake;
import org.lanfree.connect.handshake.DbSession;
import org.lanfree.connect.handshake.FsServerHandshake;
import org.lanfree.connect.handshake.FsSession;
import org.lanfree.connect.handshake.StgGrant;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;
import org.lanfree.connect.wire.Frame;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameType;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.testkit.ChildJvm;

/**
 * The transport check when something goes wrong, against a real array process: a wrong secret,
 * a sending host killed in the middle, a peer whose digest does not match (scripted in this JVM),
 * a host without the array's channel secret.
 */
class TransportFaultTest {

    private static final Duration QUICKLY = Duration.ofSeconds(15);
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String PEER_SECRET = "a secret shared by both hosts of the check\n";

    private static ArrayProcess array;
    private static String secret;
    private static String otherSecret;

    @BeforeAll
    static void startArray() throws IOException {
        array = ArrayProcess.start("fault");
        secret = array.home.write("peer.secret", PEER_SECRET).toString();
        otherSecret = array.home.write("other.secret", "not the secret the other host holds\n").toString();
    }

    @AfterAll
    static void stopArray() {
        if (array != null) {
            array.close();
        }
    }

    @Test
    void aWrongSecretOnTheFsServerFailsBothHostsQuicklyNamingAuthentication() {
        try (Host agent = Host.start(array, "fs-agent", array.unixChannel(), secret,
                "--listen", "127.0.0.1:0", "--sessions", "1")) {
            int wkp = agent.listeningPort();
            try (Host server = Host.start(array, "fs-server", array.unixChannel(), otherSecret,
                    "--agent", "127.0.0.1:" + wkp, "--bytes", "1M")) {
                assertEquals(1, server.exitCode(QUICKLY), server.output());
                assertEquals(1, agent.exitCode(QUICKLY), agent.output());
                assertTrue(server.output().contains("authentication with the fs-agent at 127.0.0.1:" + wkp + " failed"),
                        server.output());
                assertTrue(agent.output().contains("fs-agent: authentication failed for the connection from 127.0.0.1:"),
                        agent.output());
                assertTrue(agent.output().contains("1 of 1 sessions failed"), agent.output());
            }
        }
    }

    @Test
    void aWrongSecretOnTheDbAgentFailsBothHostsQuicklyNamingAuthentication() {
        try (Host server = Host.start(array, "db-server", array.tcpChannel(), secret,
                "--listen", "127.0.0.1:0", "--sessions", "1")) {
            int wkp = server.listeningPort();
            try (Host agent = Host.start(array, "db-agent", array.tcpChannel(), otherSecret,
                    "--server", "127.0.0.1:" + wkp, "--bytes", "1M", "--json")) {
                assertEquals(1, agent.exitCode(QUICKLY), agent.output());
                assertEquals(1, server.exitCode(QUICKLY), server.output());
                assertTrue(agent.output().contains("authentication with the db-server at 127.0.0.1:" + wkp + " failed"),
                        agent.output());
                assertTrue(server.output().contains("db-server: authentication failed for the connection from 127.0.0.1:"),
                        server.output());
            }
        }
    }

    @Test
    void theFsServerFailsWithinThirtySecondsWhenTheAgentIsKilledMidTransfer() {
        try (Host agent = Host.start(array, "fs-agent", array.unixChannel(), secret,
                "--listen", "127.0.0.1:0", "--sessions", "1")) {
            int wkp = agent.listeningPort();
            try (Host server = Host.start(array, "fs-server", array.unixChannel(), secret,
                    "--agent", "127.0.0.1:" + wkp, "--bytes", "64G")) {
                server.process.awaitLine(Pattern.compile("^fs-server: \\S+ \\S+ of 64\\.0 GiB"), BOUND);
                agent.process.kill();
                long killed = System.nanoTime();
                assertEquals(1, server.exitCode(BOUND), server.output());
                long seconds = (System.nanoTime() - killed) / 1_000_000_000L;
                assertTrue(seconds < BOUND.toSeconds(), "the fs-server took " + seconds + " s to notice");
                assertTrue(server.output().contains("lanfree transport fs-server: the transfer failed: "), server.output());
                assertTrue(server.output().contains("receiving the segment from the fs-agent failed after "),
                        server.output());
            }
        }
    }

    @Test
    void theDbServerFailsWithinThirtySecondsWhenTheAgentIsKilledMidTransfer() {
        try (Host server = Host.start(array, "db-server", array.tcpChannel(), secret,
                "--listen", "127.0.0.1:0", "--sessions", "1")) {
            int wkp = server.listeningPort();
            try (Host agent = Host.start(array, "db-agent", array.unixChannel(), secret,
                    "--server", "127.0.0.1:" + wkp, "--bytes", "64G")) {
                agent.process.awaitLine(Pattern.compile("^db-agent: \\S+ \\S+ of 64\\.0 GiB"), BOUND);
                agent.process.kill();
                long killed = System.nanoTime();
                assertEquals(1, server.exitCode(BOUND), server.output());
                long seconds = (System.nanoTime() - killed) / 1_000_000_000L;
                assertTrue(seconds < BOUND.toSeconds(), "the db-server took " + seconds + " s to notice");
                assertTrue(server.output().contains("receiving the segment from the db-agent of client transport-check"
                        + " failed after "), server.output());
                assertTrue(server.output().contains("1 of 1 sessions failed"), server.output());
            }
        }
    }

    @Test
    void aSenderWhoseEndDoesNotMatchItsDataGetsTheTrueDigestAndTheDbServerSaysMismatch() throws IOException {
        try (Host server = Host.start(array, "db-server", array.unixChannel(), secret,
                "--listen", "127.0.0.1:0", "--sessions", "1");
             ArrayDriver driver = attach("scripted-db-agent");
             SocketLayer layer = new SocketLayer(driver)) {
            SockAddr.Net wkp = new SockAddr.Net("127.0.0.1", server.listeningPort());
            try (DbSession session = new DbClientHandshake(wkp, "liar", "127.0.0.1", DbClientHandshake.defaultTimeouts())
                    .open(layer, SharedSecret.ofUtf8(PEER_SECRET))) {
                FrameChannel data = FrameChannel.of(session.data());
                byte[] payload = new byte[3 << 20];
                data.writer().writeData(ByteBuffer.wrap(payload));
                data.writer().writeEnd(new SegmentEnd(new byte[SegmentEnd.SHA256_BYTES]));
                byte[] verdict = SegmentEnd.decode(data.reader().expect(FrameType.END, BOUND).payload()).sha256();
                assertArrayEquals(sha256(payload), verdict, "the verdict is not the digest of what was sent");
            }
            assertEquals(1, server.exitCode(QUICKLY), server.output());
            assertTrue(server.output().contains("MISMATCH: the SHA-256 of the bytes received is not the one the db-agent"
                    + " sent in END (" + "0".repeat(64) + "); the data changed on the way"), server.output());
        }
    }

    @Test
    void aVerdictThatIsNotTheDigestSentMakesTheFsAgentSayMismatch() throws IOException {
        try (Host agent = Host.start(array, "fs-agent", array.tcpChannel(), secret,
                "--listen", "127.0.0.1:0", "--sessions", "1");
             ArrayDriver driver = attach("scripted-fs-server");
             SocketLayer layer = new SocketLayer(driver)) {
            SockAddr.Net wkp = new SockAddr.Net("127.0.0.1", agent.listeningPort());
            try (FsSession session = new FsServerHandshake(wkp, new StgGrant(1, 0), FsServerHandshake.defaultTimeouts())
                    .open(layer, SharedSecret.ofUtf8(PEER_SECRET))) {
                FrameChannel control = FrameChannel.of(session.control());
                control.writer().writeMessage(new Message.SendBytes(2 << 20));
                FrameReader data = new FrameReader(session.data());
                data.setTimeout(BOUND);
                Frame frame;
                do {
                    frame = data.next();
                } while (frame.type() == FrameType.DATA);
                assertEquals(FrameType.END, frame.type());
                new FrameWriter(session.control()).writeEnd(new SegmentEnd(new byte[SegmentEnd.SHA256_BYTES]));
            }
            assertEquals(1, agent.exitCode(QUICKLY), agent.output());
            assertTrue(agent.output().contains("MISMATCH: the fs-server computed SHA-256 " + "0".repeat(64)
                    + " of what it received, not the one of the bytes sent"), agent.output());
        }
    }

    @Test
    void aHostWithoutTheArraysChannelSecretIsRefusedWithAHintToPassIt() {
        try (ChildJvm process = ChildJvm.main("org.lanfree.cli.Main")
                .jvmOptions("--enable-native-access=ALL-UNNAMED")
                .args("transport", "fs-agent", "--channel", array.unixChannel(), "--secret-file", secret,
                        "--listen", "127.0.0.1:0")
                .log(array.home.resolve("logs/no-channel-secret.log"))
                .start()) {
            assertEquals(1, process.waitFor(QUICKLY), process.output());
            assertTrue(process.output().contains("the array at " + array.unixChannel() + " refused fs-agent"), process.output());
            assertTrue(process.output().contains("pass its file (channel.secret-file in array.conf) with"
                    + " --channel-secret-file"), process.output());
        }
    }

    private static ArrayDriver attach(String name) throws IOException {
        return ArrayDriver.attach(ChannelAddress.parse(array.unixChannel()), name,
                SharedSecret.of(Files.readAllBytes(array.channelSecret)));
    }

    private static byte[] sha256(byte[] bytes) {
        return Sha256.digest().digest(bytes);
    }
}
