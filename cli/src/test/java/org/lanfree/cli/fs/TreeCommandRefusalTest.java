package org.lanfree.cli.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lanfree.cli.Cli;
import org.lanfree.cli.media.TestDeployment;

/**
 * The file-tree commands against a real deployment before any fs-agent runs: clients are
 * registered where the media server will dial them, and every way a backup cannot start ends in
 * seconds with a message that says what to do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TreeCommandRefusalTest {

    private TestDeployment deployment;

    @BeforeAll
    void up() {
        deployment = TestDeployment.up("tree");
    }

    @AfterAll
    void down() {
        deployment.close();
    }

    @Test
    void aClientIsRegisteredAtItsAgentsAddress() throws Exception {
        Cli.Result r = deployment.run("client", "add", "files1", "--host", "10.1.2.3", "--port", "7411", "--json");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(7411, r.json().get("port").asInt());
        assertEquals(List.of("10.1.2.3:7411"), deployment.query("SELECT host || ':' || port FROM v_clients"
                + " WHERE client = 'files1'"));
        Cli.Result moved = deployment.run("client", "add", "files1", "--host", "10.1.2.4", "--port", "7411");
        assertEquals(0, moved.exitCode(), moved.toString());
        assertEquals(List.of("10.1.2.4"), deployment.query("SELECT host FROM v_clients WHERE client = 'files1'"));
    }

    @Test
    void anUnknownClientIsRefusedWithTheCommandThatRegistersIt() {
        Cli.Result r = deployment.run("backup", "fs", "--client", "nobody", "--path", "/srv");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("client 'nobody' is not in the catalog"), r.toString());
        assertTrue(r.err().contains("lanfree client add nobody --host HOST --port PORT"), r.toString());
    }

    @Test
    void aRelativePathOrABadLevelIsRefused() {
        deployment.run("client", "add", "files2", "--host", "127.0.0.1", "--port", "9");
        Cli.Result relative = deployment.run("backup", "fs", "--client", "files2", "--path", "srv");
        assertEquals(1, relative.exitCode(), relative.toString());
        assertTrue(relative.err().contains("path 'srv' is not absolute"), relative.toString());
        Cli.Result level = deployment.run("backup", "fs", "--client", "files2", "--path", "/srv", "--level", "weekly");
        assertEquals(2, level.exitCode(), level.toString());
        assertTrue(level.err().contains("--level weekly is not a level"), level.toString());
    }

    @Test
    void anUnreachableAgentFailsTheJobInSecondsSayingWhere() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        deployment.run("client", "add", "gone", "--host", "127.0.0.1", "--port", Integer.toString(port));
        long t0 = System.nanoTime();
        Cli.Result r = deployment.run("backup", "fs", "--client", "gone", "--path", "/srv");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("backup of gone:/srv failed"), r.toString());
        assertTrue(r.err().contains("127.0.0.1:" + port), r.toString());
        assertTrue(seconds < 30, "failed after " + seconds + " s");
        assertEquals(List.of("failed"), deployment.query("SELECT state FROM v_jobs WHERE client = 'gone'"));
    }

    @Test
    void restoringAnUnknownBackupIsRefused() {
        Cli.Result r = deployment.run("restore", "fs", "--backup", "424242", "--target", "/tmp/x");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("424242"), r.toString());
    }
}
