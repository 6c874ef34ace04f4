package org.lanfree.cli.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lanfree.connect.session.MediaSession;
import org.lanfree.connect.wire.WireException;
import org.lanfree.testkit.SmallDisk;
import org.lanfree.testkit.TempHome;

/**
 * The library's disk fills up in the middle of a backup: the library lives on a 24 MiB tmpfs, a
 * 4 MiB backup fits, a 64 MiB one cannot. The agent hears why, the catalog lists the backup and
 * its job failed with the reason, the earlier backup still restores byte for byte, and a backup
 * that fits works afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiskFullTest {

    private TempHome mounts;
    private SmallDisk disk;
    private TestDeployment deployment;
    private AgentSide agent;

    @BeforeAll
    void up() throws Exception {
        mounts = TempHome.create("disk");
        disk = SmallDisk.mount(mounts.resolve("small"), 24);
        deployment = TestDeployment.up("full", Map.of("library.folder", disk.path().resolve("vtl").toString(),
                "drive.block-size", "64K"));
        agent = AgentSide.attach(deployment);
    }

    @AfterAll
    void down() throws Exception {
        try {
            if (agent != null) {
                agent.close();
            }
            if (deployment != null) {
                deployment.close();
            }
        } finally {
            disk.close();
            mounts.close();
        }
    }

    @Test
    void aBackupThatFillsTheDiskFailsClearlyAndTheEarlierOneStaysIntact() throws Exception {
        byte[] fits = random(4 << 20, 1);
        long earlier = store("fits", fits);

        WireException e = assertThrows(WireException.class, () -> store("too-big", random(64 << 20, 2)));
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals(List.of("failed"), deployment.query("SELECT status FROM v_backups WHERE dataset = 'too-big'"),
                "a backup cut short by a full disk is never listed good");
        String jobError = deployment.query("SELECT error FROM v_jobs WHERE dataset = 'too-big'").get(0);
        assertTrue(jobError.contains("No space left on device"), jobError);

        try (MediaSession session = open(); InputStream in = session.restore(earlier, Duration.ofMinutes(1))) {
            assertArrayEquals(fits, in.readAllBytes(), "the earlier backup is intact");
        }
        var crosscheck = deployment.run("crosscheck", "--json");
        assertEquals(0, crosscheck.exitCode(), crosscheck.toString());

        byte[] small = random(1 << 20, 3);
        long after = store("after", small);
        try (MediaSession session = open(); InputStream in = session.restore(after, Duration.ofMinutes(1))) {
            assertArrayEquals(small, in.readAllBytes(), "a backup that fits works after the failure");
        }
    }

    private long store(String dataset, byte[] payload) throws Exception {
        return agent.store("h2", dataset, payload);
    }

    private MediaSession open() throws Exception {
        return agent.open();
    }

    private static byte[] random(int size, long seed) {
        return AgentSide.random(size, seed);
    }
}
