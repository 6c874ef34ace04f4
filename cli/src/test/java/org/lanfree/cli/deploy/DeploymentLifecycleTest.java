package org.lanfree.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.array.config.ConfigException;
import org.lanfree.cli.Cli;
import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;
import org.lanfree.testkit.TempHome;

import com.fasterxml.jackson.databind.JsonNode;

/** up, status and down against real daemon processes in a temp home. */
class DeploymentLifecycleTest {

    private final TempHome home = TempHome.create("life");

    @AfterEach
    void stopAndRemove() throws Exception {
        Cli.run("down", "--home", home.toString(), "--timeout", "5");
        try {
            // The default cache lives in /dev/shm, outside the home; a clean stop removes it.
            Files.deleteIfExists(ArrayConfigReader.read(home.resolve("array.conf")).cacheFile());
        } catch (ConfigException e) {
            // No configuration, or the invalid one a test wrote: no cache was created.
        }
        home.close();
    }

    @Test
    void upStartsTheArrayReadyToAnswerAndDownStopsIt() throws Exception {
        Cli.Result up = Cli.run("up", "--home", home.toString());
        assertEquals(0, up.exitCode(), up + log());
        assertTrue(up.out().contains("wrote the default configuration " + home.resolve("array.conf")), up.toString());
        assertTrue(up.out().contains("array-sim: started (pid "), up.toString());
        assertTrue(up.out().contains("deployment " + home + " is up"), up.toString());

        Cli.Result array = Cli.run("array-sim", "status", "--home", home.toString(), "--json");
        assertEquals(0, array.exitCode(), array + log());
        assertTrue(array.json().has("bytesMoved"), array.toString());
        assertTrue(array.json().get("directors").isArray(), array.toString());

        JsonNode daemon = arraySim(Cli.run("status", "--home", home.toString(), "--json").json());
        long pid = daemon.get("pid").asLong();
        assertTrue(daemon.get("running").asBoolean(), daemon.toString());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " is not alive");
        assertEquals(home.resolve("run/array.sock").toString(), daemon.get("socket").asText());
        assertEquals(String.valueOf(pid), Files.readString(home.resolve("run/array-sim.pid")).strip());

        Cli.Result down = Cli.run("down", "--home", home.toString());
        assertEquals(0, down.exitCode(), down + log());
        assertTrue(down.out().contains("array-sim: stopped (pid " + pid + ")"), down.toString());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " survived down");
        assertFalse(Files.exists(home.resolve("run/array-sim.pid")));
        JsonNode after = arraySim(Cli.run("status", "--home", home.toString(), "--json").json());
        assertFalse(after.get("running").asBoolean(), after.toString());
        assertTrue(after.get("pid").isNull(), after.toString());
    }

    @Test
    void upProtectsTheArrayChannelWithAFreshSecretThatOnlyTheOwnerReads() throws Exception {
        Cli.Result up = Cli.run("up", "--home", home.toString());
        assertEquals(0, up.exitCode(), up + log());
        Path secret = home.resolve("channel.secret");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        assertEquals(32, Files.size(secret));
        assertEquals("rw-rw----", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("run/array.sock"))));
        var where = ChannelAddress.unix(home.resolve("run/array.sock"));
        var refused = assertThrows(ChannelException.class,
                () -> ArrayDriver.attach(where, "stranger"));
        assertEquals(ChannelError.AUTH_FAILED, refused.error());
        try (var host = ArrayDriver.attach(where, "local",
                ArrayConfigReader.read(home.resolve("array.conf")).channelSecret())) {
            assertTrue(host.isAttached());
        }
    }

    @Test
    void aSecondUpLeavesTheRunningArrayAloneAndASecondDownIsHarmless() {
        Cli.Result first = Cli.run("up", "--home", home.toString());
        assertEquals(0, first.exitCode(), first + log());
        long pid = arraySim(Cli.run("status", "--home", home.toString(), "--json").json()).get("pid").asLong();

        Cli.Result second = Cli.run("up", "--home", home.toString());
        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().contains("array-sim: already running (pid " + pid + ")"), second.toString());
        assertTrue(second.out().contains("was already up"), second.toString());
        assertFalse(second.out().contains("wrote the default configuration"), second.toString());

        Cli.Result text = Cli.run("array-sim", "status", "--home", home.toString());
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.out().contains("cache: "), text.toString());
        assertTrue(text.out().contains("directors:"), text.toString());

        assertEquals(0, Cli.run("down", "--home", home.toString()).exitCode());
        Cli.Result again = Cli.run("down", "--home", home.toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("nothing was running in " + home), again.toString());
    }

    @Test
    void upWithAnInvalidConfigurationExitsTwoNamingTheFieldAndStartsNothing() {
        home.write("array.conf", "cache.slots = 0\n");
        Cli.Result up = Cli.run("up", "--home", home.toString());
        assertEquals(2, up.exitCode(), up.toString());
        assertTrue(up.err().contains("invalid array configuration " + home.resolve("array.conf")), up.toString());
        assertTrue(up.err().contains("cache.slots"), up.toString());
        assertFalse(Files.exists(home.resolve("run/array-sim.pid")));
    }

    private static JsonNode arraySim(JsonNode status) {
        for (JsonNode d : status.get("daemons")) {
            if (d.get("name").asText().equals("array-sim")) {
                return d;
            }
        }
        throw new AssertionError("no array-sim in " + status);
    }

    private String log() {
        try {
            Path log = home.resolve("logs/array-sim.log");
            return Files.exists(log) ? "\n--- " + log + "\n" + Files.readString(log) : "\n(no array log)";
        } catch (Exception e) {
            return "\n(cannot read the array log: " + e + ")";
        }
    }
}
