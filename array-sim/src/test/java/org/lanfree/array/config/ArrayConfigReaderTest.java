package org.lanfree.array.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArrayConfigReaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultFileStartsWithDocumentedValues() throws Exception {
        Path conf = dir.resolve("array.conf");
        ArrayConfigReader.writeDefault(conf, Map.of());
        ArrayConfig c = ArrayConfigReader.read(conf);
        assertEquals(1 << 20, c.trackSize());
        assertEquals(256, c.cacheSlots());
        assertEquals(dir.resolve("run/array.sock"), c.unixSocket());
        assertEquals(8, c.devices().size());
        assertEquals(2, c.groups().size());
        assertEquals(9000, c.group(1).firstPort());
        assertEquals(16, c.group(1).defaultRingTracks());
        assertEquals(dir.resolve("devices/dev-03.img"), c.devices().get(3).file());
    }

    @Test
    void emptyFileMeansDefaults() throws Exception {
        Path conf = Files.writeString(dir.resolve("array.conf"), "# nothing set\n");
        ArrayConfig c = ArrayConfigReader.read(conf);
        assertEquals(256, c.cacheSlots());
        assertEquals(2, c.groups().size());
    }

    @Test
    void overridesReplaceTemplateValues() throws Exception {
        Path conf = dir.resolve("array.conf");
        ArrayConfigReader.writeDefault(conf, Map.of("cache.slots", "64", "channel.tcp", "127.0.0.1:7400"));
        ArrayConfig c = ArrayConfigReader.read(conf);
        assertEquals(64, c.cacheSlots());
        assertEquals("127.0.0.1:7400", c.tcpChannel());
        assertTrue(Files.readString(conf).contains("# Number of cache slots"), "the written file keeps its documentation");
    }

    @Test
    void shortChannelSecretIsRefused() throws IOException {
        Files.writeString(dir.resolve("short.secret"), "too short");
        Path conf = Files.writeString(dir.resolve("array.conf"), "channel.secret-file = short.secret\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ArrayConfigReader.read(conf));
        assertEquals("channel.secret-file", e.field());
        assertTrue(e.getMessage().contains("holds 9 bytes, a channel secret needs at least 16"), e.getMessage());
    }

    @Test
    void missingFileNamesThePathAndTheFix() {
        ConfigException e = assertThrows(ConfigException.class, () -> ArrayConfigReader.read(dir.resolve("nope.conf")));
        assertTrue(e.getMessage().contains("nope.conf does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("HINT"), e.getMessage());
    }

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                Arguments.of("unknown device in a group", "stg.1.devices = 0-9\nstg.1.ports = 9000-9010\n",
                        "stg.1.devices", "device 8 is not configured"),
                Arguments.of("device in two groups", "stg.1.devices = 0-3\nstg.1.ports = 9000-9010\n"
                        + "stg.2.devices = 3-4\nstg.2.ports = 9100-9110\n", "stg.2.devices", "already in STG group 1"),
                Arguments.of("port range outside the port space", "stg.1.devices = 0\nstg.1.ports = 65000-70000\n",
                        "stg.1.ports", "outside the STP port space"),
                Arguments.of("port ranges overlap", "stg.1.devices = 0\nstg.1.ports = 9000-9010\n"
                        + "stg.2.devices = 1\nstg.2.ports = 9005-9020\n", "stg.2.ports", "overlaps STG group 1"),
                Arguments.of("cache smaller than one ring", "cache.slots = 8\n", "cache.slots", "cannot hold one ring"),
                Arguments.of("device file in a missing folder", "device.2.file = /nonexistent-dir/dev2.img\n",
                        "device.2.file", "does not exist"),
                Arguments.of("unknown key", "cache.slot = 8\n", "cache.slot", "is not a setting"),
                Arguments.of("size that is not a size", "cache.track-size = lots\n", "cache.track-size", "is not a size"),
                Arguments.of("track size not a power of two", "cache.track-size = 3M\n", "cache.track-size", "power of two"),
                Arguments.of("group without ports", "stg.1.devices = 0\n", "stg.1.ports", "is missing"),
                Arguments.of("zero directors", "directors.channel = 0\n", "directors.channel", "at least 1"),
                Arguments.of("key set twice", "cache.slots = 8\ncache.slots = 9\n", "cache.slots", "set twice"),
                Arguments.of("line without equals", "cache.slots\n", "line 1", "not a 'key = value' line"),
                Arguments.of("missing channel secret file", "channel.secret-file = nope.secret\n", "channel.secret-file",
                        "cannot be read"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void badConfigurationNamesTheFieldAndTheFix(String name, String text, String field, String problem)
            throws IOException {
        Path conf = Files.writeString(dir.resolve("array.conf"), text);
        ConfigException e = assertThrows(ConfigException.class, () -> ArrayConfigReader.read(conf));
        assertTrue(e.field().contains(field) || e.getMessage().startsWith(field), "field: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().contains("HINT: "), e.getMessage());
    }
}
