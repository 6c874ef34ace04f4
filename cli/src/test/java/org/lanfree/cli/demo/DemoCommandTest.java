package org.lanfree.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lanfree.cli.Cli;
import org.lanfree.testkit.TempHome;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code lanfree demo} run in this JVM, against a real array process. */
class DemoCommandTest {

    @Test
    void theDemoBacksUpThroughBothHandshakesWithMatchingDigestsAndLeavesNothingBehind() {
        long start = System.nanoTime();
        Cli.Result r = Cli.run("demo", "--json");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode summary = r.json();
        assertTrue(summary.get("ok").asBoolean(), r.toString());
        for (String flow : new String[] {"fileSystem", "database"}) {
            JsonNode backup = summary.get(flow);
            assertTrue(backup.get("match").asBoolean(), flow + ": " + backup);
            assertEquals(256L << 20, backup.get("receiver").get("bytes").asLong(), flow + ": " + backup);
            assertEquals(backup.get("sender").get("sha256").asText(), backup.get("receiver").get("sha256").asText(), flow);
            assertEquals("OK", backup.get("receiver").get("verdict").asText(), flow);
            assertTrue(backup.get("arrayBytesMoved").asLong() >= 256L << 20, flow + ": " + backup);
        }
        assertTrue(summary.get("arrayStatus").get("bytesMoved").asLong() >= 768L << 20, r.toString());
        assertTrue(summary.get("tape").get("match").asBoolean(), "the backup to tape: " + summary.get("tape"));
        assertTrue(summary.get("h2").get("match").asBoolean(), "the H2 backup from SQL: " + summary.get("h2"));
        assertTrue(summary.get("fileTree").get("restoredEqual").asBoolean(), "the file tree: " + summary.get("fileTree"));
        for (JsonNode step : summary.get("steps")) {
            assertTrue(step.get("ok").asBoolean(), step.toString());
        }
        Path home = Path.of(summary.get("array").get("home").asText());
        assertFalse(Files.exists(home), "the demo left its home " + home);
        assertTrue(home.startsWith("/tmp"), home.toString());
        assertFalse(summary.get("homeKept").asBoolean());
        // A guard against a hang, not a speed target (bench commands measure speed).
        assertTrue(seconds < 180, "the demo took " + seconds + " s");
    }

    @Test
    void theDemoTellsEachStepInWordsAndKeepsAHomeItWasGiven() throws Exception {
        try (TempHome home = TempHome.create("demo")) {
            Cli.Result r = Cli.run("demo", "--home", home.toString(), "--bytes", "16M");
            assertEquals(0, r.exitCode(), r.toString());
            String out = r.out();
            for (String expected : new String[] {
                "1. Prepare a deployment home",
                "2. Start the storage array and the media server (lanfree up)",
                "3. File-system backup: the media server calls the file agent",
                "the file agent attached to the array at unix:" + home.resolve("run/array.sock") + " (shared memory",
                "the media server attached to the array at tcp:127.0.0.1:",
                "data connection       stp:1/",
                "4. Database backup: the database agent calls the media server",
                "offered STG group 2",
                "the LAN sockets are closed: from here everything, the verdict included, goes through the array",
                "match: the media server sent its digest back and both sides agree",
                "5. A backup to tape: the database agent calls the media server",
                "is on tape and listed good",
                "(matches what the agent sent)",
                "lanfree list tapes",
                "crosscheck: 1 backups: 1 OK, 0 DAMAGED, 0 MISSING",
                "6. File-tree backup: full, incremental and a verified restore",
                "lanfree backup fs --level incremental: backup ",
                "the restored folder equals the sample folder, file for file (the deleted file is absent)",
                "7. An H2 backup called from SQL, and a verified restore",
                "CALL LANFREE_BACKUP('full') returned backup ",
                "H2 opens it: ",
                "the restored database holds all ",
                "8. The array after the backups (lanfree array-sim status)",
                "open STP connections:",
                "9. Stop the deployment (lanfree down)",
                "array-sim: stopped (pid ",
                "10. Clean up",
                "kept " + home,
                "Every backup went through the array and both ends agree on every digest"}) {
                assertTrue(out.contains(expected), "missing '" + expected + "' in:\n" + out);
            }
            assertEquals(2, out.split("SHA-256 at the media server \\(received\\): ", -1).length - 1, out);
            assertTrue(Files.exists(home.resolve("logs/array-sim.log")));
            assertFalse(Files.exists(home.resolve("run/cache.mem")), "the stopped array left its cache file");
            assertFalse(Files.exists(home.resolve("run/array-sim.pid")), "the array still has a pid file");
        }
    }

    @Test
    void aDemoWhoseArrayCannotStartFailsAtThatStepStillRunsTheCleanupAndKeepsTheHomeForItsLog() {
        try (TempHome home = TempHome.create("demo")) {
            Cli.Result r = Cli.runWith(List.of(new BrokenArray()), "demo", "--home", home.toString());
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.out().contains("2. Start the storage array and the media server (lanfree up)"), r.toString());
            assertTrue(r.out().contains("FAILED: array-sim exited with code 2 before it answered"), r.toString());
            assertFalse(r.out().contains("3. File-system backup"), "the story went on after the failure:\n" + r);
            assertTrue(r.out().contains("3. Stop the deployment (lanfree down)"), r.toString());
            assertTrue(r.out().contains("4. Clean up"), r.toString());
            assertTrue(r.out().contains("kept " + home), r.toString());
            assertTrue(r.err().contains("lanfree demo: array-sim exited with code 2"), r.toString());
            assertTrue(Files.exists(home.resolve("logs/array-sim.log")));
        }
    }

    @Test
    void aHomeThatAlreadyHoldsADeploymentIsRefusedBeforeAnythingStarts() {
        try (TempHome home = TempHome.create("demo")) {
            home.write("array.conf", "# someone else's\n");
            Cli.Result r = Cli.run("demo", "--home", home.toString());
            assertEquals(2, r.exitCode(), r.toString());
            assertTrue(r.err().contains("--home " + home + " already holds a deployment (array.conf)"), r.toString());
            assertEquals("", r.out());
        }
    }
}
