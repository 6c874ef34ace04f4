package org.lanfree.cli.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.media.server.ServerConfigReader;
import org.lanfree.testkit.ChildJvm;
import org.lanfree.testkit.TempHome;

/** {@code media-server start} as its own process beside a real array process, the way 'up' runs it. */
class MediaServerForegroundTest {

    private static final Duration START = Duration.ofSeconds(30);

    private final TempHome home = TempHome.create("msfg");

    @AfterEach
    void removeHome() {
        home.close();
    }

    @Test
    void startServesBesideARunningArrayUntilSigtermThenExitsZero() throws Exception {
        Path arrayConfig = home.resolve("array.conf");
        ArrayConfigReader.writeDefault(arrayConfig, Map.of("cache.slots", "64", "cache.file", "run/cache.mem"));
        Files.createDirectories(home.resolve("run"));
        Path config = writeConfig(Map.of());
        try (ChildJvm array = cli("array", "array-sim", "start", "--config", arrayConfig.toString())) {
            array.awaitLine(Pattern.compile("^array-sim ready$"), START);
            try (ChildJvm media = cli("media", "media-server", "start", "--config", config.toString())) {
                media.awaitLine(Pattern.compile("^media-server ready$"), START);
                assertTrue(media.output().contains("inventory: library media-server synced to the catalog: 4 cartridges"),
                        media.output());
                assertTrue(media.output().contains("catalog server: serving"), media.output());
                media.terminate();
                assertEquals(0, media.waitFor(START), media.tail());
                assertTrue(media.output().contains("media-server media-server: stopped"), media.output());
            }
            array.terminate();
            array.waitFor(START);
        }
    }

    @Test
    void startWithoutAnArrayExitsOneNamingTheChannel() throws Exception {
        Path config = writeConfig(Map.of());
        try (ChildJvm media = cli("media", "media-server", "start", "--config", config.toString())) {
            assertEquals(1, media.waitFor(START), media.tail());
            assertTrue(media.output().contains("media-server: cannot start: cannot attach to the array at unix:"
                    + home.resolve("run/array.sock")), media.output());
            assertTrue(media.output().contains("HINT: start the array first"), media.output());
        }
    }

    @Test
    void startWithABadFieldExitsTwoNamingItAndTheFix() throws Exception {
        Path config = writeConfig(Map.of("mount.wait", "soon"));
        try (ChildJvm media = cli("media", "media-server", "start", "--config", config.toString())) {
            assertEquals(2, media.waitFor(START), media.tail());
            assertTrue(media.output().contains("invalid media server configuration " + config + ": mount.wait:"
                    + " 'soon' is not a positive duration. HINT: write a number with s, m or h"), media.output());
        }
    }

    /** A small library, free ports, secrets for admin and agents, the channel without a secret (the array's default has none). */
    private Path writeConfig(Map<String, String> changes) throws Exception {
        Files.write(home.resolve("admin.secret"), new byte[32]);
        Files.write(home.resolve("agents.secret"), new byte[32]);
        Path config = home.resolve("media-server.conf");
        Map<String, String> values = new HashMap<>(Map.of("admin.port", "0", "catalog.server-port", "0",
                "agents.port", "0", "array.secret-file", "", "library.slots", "6", "cartridges.count", "4"));
        values.putAll(changes);
        ServerConfigReader.writeDefault(config, values);
        return config;
    }

    private ChildJvm cli(String log, String... args) {
        return ChildJvm.main("org.lanfree.cli.Main")
                .jvmOptions("--enable-native-access=ALL-UNNAMED", "-Xmx256m")
                .args(args)
                .log(home.resolve("logs/" + log + ".log"))
                .start();
    }
}
