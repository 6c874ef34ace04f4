package org.lanfree.cli.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.cli.Cli;
import org.lanfree.cli.media.TestDeployment;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.handshake.FsAgentHandshake;
import org.lanfree.connect.handshake.FsAgentListener;
import org.lanfree.connect.handshake.FsSession;
import org.lanfree.connect.session.BackupUpload;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;
import org.lanfree.connect.wire.FileRecord;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.testkit.FreePorts;

/**
 * What the media server makes of an agent's warnings, with a scripted agent on real sockets and
 * the real array (a real agent running as root cannot be made to meet an unreadable file on
 * cue): the archive arrives, two files are reported with warnings on the error channel, and the
 * backup is listed {@code warnings} with them in its note, never plain good; its files are in the
 * catalog.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TreeWarningsTest {

    private TestDeployment deployment;
    private ArrayDriver array;
    private SocketLayer layer;

    @BeforeAll
    void up() throws Exception {
        deployment = TestDeployment.up("warn");
        var arrayConfig = ArrayConfigReader.read(deployment.file("array.conf"));
        array = ArrayDriver.attach(ChannelAddress.unix(arrayConfig.unixSocket()), "scripted", arrayConfig.channelSecret());
        layer = new SocketLayer(array);
    }

    @AfterAll
    void down() throws Exception {
        layer.close();
        array.close();
        deployment.close();
    }

    @Test
    void warningsOnTheErrorChannelMakeTheBackupWarningsNamingTheFiles() throws Exception {
        int port = FreePorts.pair();
        try (FsAgentListener agent = FsAgentListener.bind(layer, deployment.config().agents().secret(),
                FsAgentHandshake.defaultTimeouts(), new SockAddr.Net("127.0.0.1", port), this::scripted)) {
            Cli.Result add = deployment.run("client", "add", "scripted", "--host", "127.0.0.1", "--port",
                    Integer.toString(port));
            assertEquals(0, add.exitCode(), add.toString());
            Cli.Result r = deployment.run("backup", "fs", "--client", "scripted", "--path", "/srv", "--json");
            assertEquals(0, r.exitCode(), r.toString());
            long id = r.json().get("backupId").asLong();
            assertEquals(List.of("warnings"), deployment.query("SELECT status FROM v_backups WHERE backup_id = " + id));
            String note = deployment.query("SELECT note FROM v_backups WHERE backup_id = " + id).get(0);
            assertTrue(note.startsWith("2 files with warnings"), note);
            assertTrue(note.contains("secret.txt: Permission denied") && note.contains("gone.log: vanished"), note);
            assertEquals(List.of(".", "secret.txt"), deployment.query("SELECT path_text FROM v_backup_contents"
                    + " WHERE backup_id = " + id + " ORDER BY path_text"));
        }
    }

    /** One backup as an agent would run it: the archive, its records, two warnings, TreeDone, the verdict. */
    private void scripted(FsSession session) {
        Thread.ofVirtual().start(() -> {
            try (session) {
                FrameReader control = new FrameReader(session.control());
                Message request = control.readMessage(Duration.ofSeconds(30));
                if (!(request instanceof Message.TreeBackup)) {
                    return;
                }
                while (!(control.readMessage(Duration.ofSeconds(30)) instanceof Message.FileRecordsEnd)) {
                    // a full backup: no parent files
                }
                FrameWriter controlOut = new FrameWriter(session.control());
                FrameWriter errors = new FrameWriter(session.errors());
                BackupUpload upload = BackupUpload.on(session.data());
                upload.write(new byte[10_240]);
                controlOut.writeMessage(new Message.FileRecords(List.of(
                        new FileRecord(".".getBytes(), 'A', 'd', 4096, 040755, 0, 0, 1, 1, 2, 2, 0, null, null, 0),
                        new FileRecord("secret.txt".getBytes(), 'A', 'f', 0, 0100600, 0, 0, 1, 1, 3, 1, 0, null, null,
                                512))));
                errors.writeMessage(new Message.FileWarning("secret.txt".getBytes(), "Permission denied"));
                errors.writeMessage(new Message.FileWarning("gone.log".getBytes(), "vanished while the tree was read"));
                upload.end();
                controlOut.writeMessage(new Message.TreeDone(2, 10_240, 2));
                upload.verdict(Duration.ofSeconds(60));
            } catch (Exception e) {
                // The test's assertions tell what went wrong.
            }
        });
    }
}
