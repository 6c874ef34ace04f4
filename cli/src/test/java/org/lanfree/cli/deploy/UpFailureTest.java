package org.lanfree.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.cli.Cli;
import org.lanfree.testkit.TempHome;

/** up when a daemon dies before it answers, or never answers: a clear error and nothing left running. */
class UpFailureTest {

    private final TempHome home = TempHome.create("fail");

    @AfterEach
    void stopAndRemove() {
        Cli.run("down", "--home", home.toString(), "--timeout", "5");
        home.close();
    }

    @Test
    void upQuotesTheLogWhenADaemonExitsBeforeAnswering() throws IOException {
        // The configuration is valid, but nobody may create files in /proc: the array cannot start.
        ArrayConfigReader.writeDefault(home.resolve("array.conf"), Map.of("cache.file", "/proc/lanfree-test.cache"));
        Cli.Result up = Cli.run("up", "--home", home.toString());
        assertEquals(1, up.exitCode(), up.toString());
        assertTrue(up.err().contains("array-sim exited with code 1 before it answered at " + home.resolve("run/array.sock")),
                up.toString());
        assertTrue(up.err().contains("last lines of " + home.resolve("logs/array-sim.log")), up.toString());
        assertTrue(up.err().contains("  | array-sim: cannot start"), up.toString());
        assertFalse(Files.exists(home.resolve("run/array-sim.pid")), "a failed up leaves no pid file");
    }

    @Test
    void upStopsADaemonThatNeverAnswersWithinTheTimeout() {
        Cli.Result up = Cli.runWith(List.of(TestArray.deaf("deaf")), "up", "--home", home.toString(), "--timeout", "2");
        assertEquals(1, up.exitCode(), up.toString());
        Matcher pid = Pattern.compile("deaf \\(pid (\\d+)\\) did not answer at .* within 2 s, so it was stopped")
                .matcher(up.err());
        assertTrue(pid.find(), up.toString());
        assertFalse(ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false),
                "the silent daemon was left running");
        assertFalse(Files.exists(home.resolve("run/deaf.pid")), "a failed up leaves no pid file");
    }
}
