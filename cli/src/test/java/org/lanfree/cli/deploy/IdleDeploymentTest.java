package org.lanfree.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanfree.cli.Cli;
import org.lanfree.testkit.Await;
import org.lanfree.testkit.TempHome;

import com.fasterxml.jackson.databind.JsonNode;

/** status and down on homes where nothing runs: empty, never created, or with a stale pid file. */
class IdleDeploymentTest {

    private final TempHome home = TempHome.create("idle");
    private Process stranger;

    @AfterEach
    void cleanUp() {
        if (stranger != null) {
            stranger.destroyForcibly();
        }
        home.close();
    }

    @Test
    void statusOnAnEmptyHomeSaysNothingIsRunning() {
        Cli.Result r = Cli.run("status", "--home", home.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().matches("(?s).*\\narray-sim +no .*"), r.toString());
        assertTrue(r.out().contains("nothing is running in " + home + "; start it with 'lanfree up --home " + home + "'"),
                r.toString());
    }

    @Test
    void statusJsonOnAnEmptyHomeListsEveryDaemonAsNotRunning() {
        JsonNode status = Cli.run("status", "--home", home.toString(), "--json").json();
        assertEquals(home.toString(), status.get("home").asText());
        JsonNode array = status.get("daemons").get(0);
        assertEquals("array-sim", array.get("name").asText());
        assertTrue(array.get("pid").isNull(), status.toString());
        assertFalse(array.get("running").asBoolean(), status.toString());
        assertTrue(array.get("ports").isArray() && array.get("ports").isEmpty(), status.toString());
    }

    @Test
    void downWhenNothingRunsIsHarmless() {
        Cli.Result first = Cli.run("down", "--home", home.toString());
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.out().contains("nothing was running in " + home), first.toString());
        Cli.Result missing = Cli.run("down", "--home", home.resolve("never-created").toString());
        assertEquals(0, missing.exitCode(), missing.toString());
    }

    @Test
    void aPidFileNamingAnotherProgramIsStaleAndDownLeavesThatProgramAlone() throws Exception {
        stranger = new ProcessBuilder("sleep", "120").start();
        home.write("run/array-sim.pid", stranger.pid() + "\n");

        JsonNode status = Cli.run("status", "--home", home.toString(), "--json").json();
        assertFalse(status.get("daemons").get(0).get("running").asBoolean(), status.toString());
        assertTrue(Cli.run("status", "--home", home.toString()).out().contains("no (stale pid file)"));

        Cli.Result down = Cli.run("down", "--home", home.toString());
        assertEquals(0, down.exitCode(), down.toString());
        assertTrue(down.out().contains("array-sim: was not running (removed a stale pid file naming pid "
                + stranger.pid() + ")"), down.toString());
        assertFalse(Files.exists(home.resolve("run/array-sim.pid")));
        assertTrue(stranger.isAlive(), "down must not signal a process that is not its daemon");
    }

    @Test
    void aPidFileNamingAnExitedProcessIsRemovedByDown() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        Await.until(() -> !gone.isAlive(), Duration.ofSeconds(10), "'true' to exit");
        home.write("run/array-sim.pid", gone.pid() + "\n");
        Cli.Result down = Cli.run("down", "--home", home.toString());
        assertEquals(0, down.exitCode(), down.toString());
        assertTrue(down.out().contains("removed a stale pid file"), down.toString());
        assertFalse(Files.exists(home.resolve("run/array-sim.pid")));
    }
}
