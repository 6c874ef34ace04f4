package org.lanfree.cli.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.handshake.DbClientHandshake;
import org.lanfree.connect.handshake.DbSession;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.connect.wire.WireException;
import org.lanfree.media.server.ServerConfig;
import org.lanfree.testkit.Await;

/**
 * A database agent calls the media server of a deployment on its well-known port, runs the
 * client-initiated handshake through the array and stores a backup stream on tape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentBackupTest {

    private TestDeployment deployment;
    private ArrayDriver array;
    private SocketLayer layer;
    private ServerConfig config;

    @BeforeAll
    void up() throws Exception {
        deployment = TestDeployment.up("agent");
        config = deployment.config();
        var arrayConfig = ArrayConfigReader.read(deployment.file("array.conf"));
        array = ArrayDriver.attach(ChannelAddress.unix(arrayConfig.unixSocket()), "local", arrayConfig.channelSecret());
        layer = new SocketLayer(array);
    }

    @AfterAll
    void down() throws Exception {
        layer.close();
        array.close();
        deployment.close();
    }

    @Test
    void anAgentStoresABackupThroughTheArrayAndTheCatalogListsItGood() throws Exception {
        DbSession session = handshake("local");
        byte[] sha;
        Message verdict;
        try (session) {
            FrameWriter out = new FrameWriter(session.data());
            out.writeMessage(new Message.StoreBackup("local", "pg", "main", "full", 0, "none"));
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] chunk = new byte[1 << 20];
            Random random = new Random(11);
            for (int i = 0; i < 12; i++) {
                random.nextBytes(chunk);
                md.update(chunk);
                out.writeData(ByteBuffer.wrap(chunk));
            }
            sha = md.digest();
            out.writeEnd(new SegmentEnd(sha));
            verdict = new FrameReader(session.data()).readMessage(java.time.Duration.ofSeconds(60));
        }
        Message.BackupStored stored = assertInstanceOf(Message.BackupStored.class, verdict);
        assertEquals(HexFormat.of().formatHex(sha), stored.sha256());
        assertEquals(List.of("good|12582912|" + stored.sha256()), deployment.query(
                "SELECT status || '|' || bytes || '|' || sha256 FROM v_backups WHERE backup_id = " + stored.backupId()));
        assertEquals(List.of("backup"), deployment.query(
                "SELECT DISTINCT pool FROM v_backups WHERE backup_id = " + stored.backupId()));
    }

    @Test
    void theOperatorCannotUnloadTheDriveABackupIsWritingTo() throws Exception {
        List<Integer> before = loadedDrives();
        try (DbSession session = handshake("local")) {
            FrameWriter out = new FrameWriter(session.data());
            out.writeMessage(new Message.StoreBackup("local", "h2", "app", "full", 0, "none"));
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] chunk = new byte[1 << 20];
            new Random(5).nextBytes(chunk);
            md.update(chunk);
            out.writeData(ByteBuffer.wrap(chunk));
            int drive = Await.until(() -> loadedDrives().stream().filter(d -> !before.contains(d)).findFirst().orElse(null),
                    java.time.Duration.ofSeconds(30), "a drive loaded for the session");
            var unload = deployment.run("tape", "unload", "--drive", Integer.toString(drive));
            assertEquals(1, unload.exitCode(), unload.toString());
            assertTrue(unload.err().contains("drive " + drive + " is in use by a backup session"), unload.toString());
            md.update(chunk);
            out.writeData(ByteBuffer.wrap(chunk));
            out.writeEnd(new SegmentEnd(md.digest()));
            Message verdict = new FrameReader(session.data()).readMessage(java.time.Duration.ofSeconds(60));
            assertInstanceOf(Message.BackupStored.class, verdict, "the backup went on undisturbed");
        }
    }

    @Test
    void aMediaServerKilledMidBackupNeverListsItGoodAndTheNextBackupAppends() throws Exception {
        DbSession session = handshake("local");
        FrameWriter out = new FrameWriter(session.data());
        out.writeMessage(new Message.StoreBackup("local", "pg", "cut-short", "full", 0, "none"));
        byte[] chunk = new byte[1 << 20];
        new Random(9).nextBytes(chunk);
        for (int i = 0; i < 3; i++) {
            out.writeData(ByteBuffer.wrap(chunk));
        }
        Await.until(() -> loadedDrives().isEmpty() ? null : true, java.time.Duration.ofSeconds(30),
                "a drive loaded for the session");
        Await.until((java.util.concurrent.Callable<Boolean>) () -> deployment.query(
                "SELECT status FROM v_backups WHERE dataset = 'cut-short'").equals(List.of("running")),
                java.time.Duration.ofSeconds(30), "the backup listed running");
        long pid = deployment.run("status", "--json").json().get("daemons").get(1).get("pid").asLong();
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        server.destroyForcibly();
        server.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        try {
            session.close();
        } catch (java.io.IOException gone) {
            // The media server died: its end of the session is gone with it.
        }

        var up = deployment.run("up");
        assertEquals(0, up.exitCode(), up.toString());
        assertEquals(List.of("failed"), deployment.query("SELECT status FROM v_backups WHERE dataset = 'cut-short'"),
                "a backup cut short by a crash is never listed good");
        try (DbSession next = handshake("local")) {
            FrameWriter w = new FrameWriter(next.data());
            w.writeMessage(new Message.StoreBackup("local", "pg", "after-crash", "full", 0, "none"));
            w.writeData(ByteBuffer.wrap(chunk));
            w.writeEnd(new SegmentEnd(MessageDigest.getInstance("SHA-256").digest(chunk)));
            assertInstanceOf(Message.BackupStored.class, new FrameReader(next.data()).readMessage(
                    java.time.Duration.ofSeconds(60)));
        }
        var crosscheck = deployment.run("crosscheck");
        assertEquals(0, crosscheck.exitCode(), "every good backup reads back after the crash: " + crosscheck);
    }

    /** The drives holding a cartridge now. */
    private List<Integer> loadedDrives() {
        List<Integer> loaded = new java.util.ArrayList<>();
        for (var d : deployment.run("tape", "status", "--json").json().get("drives")) {
            if (!d.get("barcode").isNull()) {
                loaded.add(d.get("drive").asInt());
            }
        }
        return loaded;
    }

    @Test
    void aClientTheServerDoesNotKnowIsRefusedDuringTheHandshake() {
        WireException e = assertThrows(WireException.class, () -> handshake("stranger"));
        assertTrue(e.getMessage().contains("client 'stranger' may not store backups"), e.getMessage());
        assertTrue(e.getMessage().contains("agents.clients"), e.getMessage());
    }

    @Test
    void aSessionThatDoesNotAskToStoreABackupGetsAClearError() throws Exception {
        try (DbSession session = handshake("local")) {
            new FrameWriter(session.data()).writeMessage(new Message.SendBytes(10));
            WireException e = assertThrows(WireException.class,
                    () -> new FrameReader(session.data()).readMessage(java.time.Duration.ofSeconds(30)));
            assertEquals(ErrorCode.UNEXPECTED_FRAME, e.peerCode().orElseThrow(), e.getMessage());
        }
    }

    private DbSession handshake(String client) throws Exception {
        return new DbClientHandshake(new SockAddr.Net("127.0.0.1", config.agents().port()), client, "127.0.0.1",
                DbClientHandshake.defaultTimeouts()).open(layer, config.agents().secret());
    }
}
