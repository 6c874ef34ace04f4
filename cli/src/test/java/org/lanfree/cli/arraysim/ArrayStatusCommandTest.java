package org.lanfree.cli.arraysim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.cli.Cli;
import org.lanfree.testkit.TempHome;

/** {@code array-sim status} when there is no array to ask. */
class ArrayStatusCommandTest {

    private final TempHome home = TempHome.create("astat");

    @AfterEach
    void removeHome() {
        home.close();
    }

    @Test
    void statusOfADeploymentWhoseArrayIsDownSaysSoInOneLineAndExitsOne() throws Exception {
        ArrayConfigReader.writeDefault(home.resolve("array.conf"), Map.of());
        Cli.Result r = Cli.run("array-sim", "status", "--home", home.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("lanfree array-sim status: no array answers at " + home.resolve("run/array.sock")
                + ": is the deployment up? start it with 'lanfree up --home " + home + "'\n", r.err());
    }

    @Test
    void statusOfAFolderWithoutConfigurationSaysItHoldsNoDeployment() {
        Cli.Result r = Cli.run("array-sim", "status", "--home", home.toString(), "--json");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no array configuration at " + home.resolve("array.conf")), r.toString());
        assertTrue(r.err().contains("lanfree up --home " + home), r.toString());
    }

    @Test
    void statusByConfigurationFileHintsAtArraySimStart() throws Exception {
        ArrayConfigReader.writeDefault(home.resolve("array.conf"), Map.of());
        Cli.Result r = Cli.run("array-sim", "status", "--config", home.resolve("array.conf").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("lanfree array-sim start --config " + home.resolve("array.conf")), r.toString());
    }
}
