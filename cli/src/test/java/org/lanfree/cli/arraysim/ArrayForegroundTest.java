package org.lanfree.cli.arraysim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.cli.Cli;
import org.lanfree.testkit.ChildJvm;
import org.lanfree.testkit.TempHome;

/** {@code array-sim start} as its own process, the way {@code up} and operators run it. */
class ArrayForegroundTest {

    private static final Duration START = Duration.ofSeconds(30);

    private final TempHome home = TempHome.create("fg");

    @AfterEach
    void removeHome() {
        home.close();
    }

    @Test
    void startServesUntilSigtermThenExitsZero() throws Exception {
        Path config = home.resolve("array.conf");
        ArrayConfigReader.writeDefault(config, Map.of("cache.slots", "64", "cache.file", "run/cache.mem"));
        Files.createDirectories(home.resolve("run"));
        try (ChildJvm array = arraySim("start", "--config", config.toString())) {
            array.awaitLine(Pattern.compile("^array-sim ready$"), START);
            Cli.Result status = Cli.run("array-sim", "status", "--config", config.toString(), "--json");
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.json().has("cache"), status.toString());

            Cli.Result up = Cli.run("up", "--home", home.toString());
            assertEquals(1, up.exitCode(), up.toString());
            assertTrue(up.err().contains("array-sim already answers at " + home.resolve("run/array.sock")
                    + " but no pid file"), up.toString());

            array.terminate();
            // 143 = 128 + SIGTERM: the JVM's own exit status after a shutdown it ran on SIGTERM.
            int exit = array.waitFor(START);
            assertTrue(exit == 0 || exit == 143, "exit " + exit + "\n" + array.tail());
            assertFalse(Files.exists(home.resolve("run/cache.mem")), "a clean stop removes the cache file");
        }
    }

    @Test
    void startInItsOwnJvmExitsTwoOnAMissingConfiguration() {
        try (ChildJvm array = arraySim("start", "--config", "/nonexistent")) {
            assertEquals(2, array.waitFor(START), array.tail());
            assertTrue(array.output().contains("/nonexistent does not exist"), array.output());
        }
    }

    private ChildJvm arraySim(String... args) {
        return ChildJvm.main("org.lanfree.cli.Main")
                .jvmOptions("--enable-native-access=ALL-UNNAMED", "-Xmx128m")
                .args("array-sim")
                .args(args)
                .log(home.resolve("logs/foreground.log"))
                .start();
    }
}
