package org.lanfree.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    @ParameterizedTest(name = "lanfree {0} --help")
    @ValueSource(strings = {"", "up", "down", "status", "array-sim", "array-sim start", "array-sim status"})
    void everyCommandPrintsHelpAndExitsZero(String command) {
        Cli.Result r = Cli.run(args(command, "--help"));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith(("Usage: lanfree " + command).strip()), r.toString());
        assertTrue(r.out().contains("--version"), r.toString());
    }

    @ParameterizedTest(name = "lanfree {0} --version")
    @ValueSource(strings = {"", "up", "down", "status", "array-sim", "array-sim start", "array-sim status"})
    void everyCommandPrintsVersionAndExitsZero(String command) {
        Cli.Result r = Cli.run(args(command, "--version"));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("lanfree "), r.toString());
        assertTrue(r.out().contains("JVM: "), r.toString());
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        Cli.Result r = Cli.run("stauts");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("'stauts'"), r.toString());
        assertTrue(r.err().contains("status"), r.toString());
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = Cli.run();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("lanfree needs a command"), r.toString());
        assertTrue(r.err().contains("Try 'lanfree --help'"), r.toString());
    }

    @Test
    void arraySimWithoutACommandIsAUsageError() {
        Cli.Result r = Cli.run("array-sim");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("start or status"), r.toString());
    }

    @ParameterizedTest(name = "lanfree {0}")
    @ValueSource(strings = {"up", "down", "status", "array-sim status"})
    void deploymentCommandsWithoutAHomeAreUsageErrors(String command) {
        assumeTrue(System.getenv("LANFREE_HOME") == null, "LANFREE_HOME is set, so every command has a home");
        Cli.Result r = Cli.run(args(command));
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--home is missing and LANFREE_HOME is not set"), r.toString());
    }

    private static String[] args(String command, String... more) {
        String line = (command + " " + String.join(" ", more)).strip();
        return line.isEmpty() ? new String[0] : line.split(" ");
    }
}
