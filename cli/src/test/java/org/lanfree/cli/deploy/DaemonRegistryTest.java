package org.lanfree.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanfree.cli.Cli;
import org.lanfree.testkit.TempHome;

import com.fasterxml.jackson.databind.JsonNode;

/** up, status and down walk every registered daemon: in order to start, in reverse to stop. */
class DaemonRegistryTest {

    private final TempHome home = TempHome.create("reg");
    private List<DaemonSpec> daemons;

    @AfterEach
    void stopAndRemove() {
        if (daemons != null) {
            Cli.runWith(daemons, "down", "--home", home.toString(), "--timeout", "5");
        }
        home.close();
    }

    @Test
    void upStartsDaemonsInRegistryOrderAndDownStopsThemInReverse() {
        daemons = List.of(TestArray.healthy("first"), TestArray.healthy("second"));
        Cli.Result up = Cli.runWith(daemons, "up", "--home", home.toString());
        assertEquals(0, up.exitCode(), up.toString());
        assertTrue(up.out().indexOf("first: started") < up.out().indexOf("second: started"), up.toString());

        JsonNode status = Cli.runWith(daemons, "status", "--home", home.toString(), "--json").json();
        assertEquals(2, status.get("daemons").size(), status.toString());
        for (JsonNode d : status.get("daemons")) {
            assertTrue(d.get("running").asBoolean(), status.toString());
        }
        assertEquals(home.resolve("run/second.sock").toString(), status.get("daemons").get(1).get("socket").asText());

        Cli.Result down = Cli.runWith(daemons, "down", "--home", home.toString());
        assertEquals(0, down.exitCode(), down.toString());
        int second = down.out().indexOf("second: stopped");
        int first = down.out().indexOf("first: stopped");
        assertTrue(second >= 0 && first > second, down.toString());
    }

    @Test
    void upThatFailsOnALaterDaemonNamesTheOnesStillRunning() {
        daemons = List.of(TestArray.healthy("first"), TestArray.deaf("second"));
        Cli.Result up = Cli.runWith(daemons, "up", "--home", home.toString(), "--timeout", "2");
        assertEquals(1, up.exitCode(), up.toString());
        assertTrue(up.err().contains("second (pid "), up.toString());
        assertTrue(up.err().contains("did not answer"), up.toString());
        assertTrue(up.err().contains("Still running: first (pid "), up.toString());
        assertTrue(up.err().contains("'lanfree down --home " + home + "' stops them."), up.toString());

        JsonNode status = Cli.runWith(daemons, "status", "--home", home.toString(), "--json").json();
        assertTrue(status.get("daemons").get(0).get("running").asBoolean(), status.toString());
        assertFalse(status.get("daemons").get(1).get("running").asBoolean(), status.toString());
    }
}
