package org.lanfree.cli.arraysim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lanfree.cli.Cli;
import org.lanfree.testkit.TempHome;

/** {@code array-sim start} refuses a configuration it cannot run, before starting anything. */
class ArrayStartTest {

    private final TempHome home = TempHome.create("start");

    @AfterEach
    void removeHome() {
        home.close();
    }

    @Test
    void startWithAMissingConfigurationFileExitsTwoNamingTheFile() {
        Cli.Result r = Cli.run("array-sim", "start", "--config", "/nonexistent");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("/nonexistent does not exist"), r.toString());
        assertTrue(r.err().contains("HINT"), r.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            zero cache slots               | cache.slots = 0                        | cache.slots: must be at least 1
            unknown key                    | cache.slotz = 64                       | cache.slotz: is not a setting
            track size not a power of two  | cache.track-size = 3000                | cache.track-size:
            slots not a number             | cache.slots = many                     | cache.slots: 'many' is not a whole number
            line without an equals sign    | cache.slots 64                         | array.conf line 1:
            key set twice                  | cache.slots = 64\\ncache.slots = 32    | cache.slots: is set twice
            """)
    void startWithAnInvalidConfigurationExitsTwoNamingTheField(String name, String text, String expected) {
        Path config = home.write("array.conf", text.replace("\\n", "\n") + "\n");
        Cli.Result r = Cli.run("array-sim", "start", "--config", config.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("invalid array configuration " + config), r.toString());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in:\n" + r);
    }
}
