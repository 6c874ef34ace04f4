package org.lanfree.h2plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanfree.connect.stp.ChannelAddress;

class PluginConfigTest {

    @TempDir
    Path dir;

    @BeforeEach
    void secrets() throws Exception {
        Files.writeString(dir.resolve("agents.secret"), "0123456789abcdef0123");
        Files.writeString(dir.resolve("channel.secret"), "fedcba9876543210fedc");
    }

    @Test
    void readsEveryKeyAndResolvesRelativePathsAgainstTheFilesFolder() throws Exception {
        Path file = write("""
                # the deployment in this folder
                media-server = 127.0.0.1:7410
                agents.secret-file = agents.secret
                array.channel = unix:run/array.sock
                array.secret-file = channel.secret
                stg.group = 2
                client = db1
                callback-host = 10.0.0.5
                dataset = sales
                zip.level = 5
                """);
        PluginConfig c = PluginConfig.read(file);
        assertEquals("127.0.0.1", c.mediaHost());
        assertEquals(7410, c.mediaPort());
        assertEquals(ChannelAddress.unix(dir.resolve("run/array.sock")), c.array());
        assertEquals(2, c.stgGroup());
        assertEquals("db1", c.client());
        assertEquals("10.0.0.5", c.callbackHost());
        assertEquals("sales", c.dataset());
        assertEquals(5, c.zipLevel());
        assertTrue(c.arraySecret() != null);
    }

    @Test
    void optionalKeysTakeTheirDefaults() throws Exception {
        PluginConfig c = PluginConfig.read(write("""
                media-server = backup.example:7410
                agents.secret-file = agents.secret
                array.channel = tcp:array.example:7000
                """));
        assertEquals(ChannelAddress.tcp("array.example", 7000), c.array());
        assertNull(c.arraySecret());
        assertEquals(-1, c.stgGroup());
        assertEquals("local", c.client());
        assertEquals("127.0.0.1", c.callbackHost());
        assertNull(c.dataset());
        assertEquals(0, c.zipLevel());
    }

    static Stream<Arguments> badFiles() {
        String ok = "agents.secret-file = agents.secret\narray.channel = unix:a.sock\n";
        return Stream.of(
                Arguments.of("no media server", ok, "media-server is missing"),
                Arguments.of("no port", ok + "media-server = localhost\n", "media-server = 'localhost' is not HOST:PORT"),
                Arguments.of("port not a number", ok + "media-server = h:x\n", "is not HOST:PORT"),
                Arguments.of("no secret", "media-server = h:1\narray.channel = unix:a\n", "agents.secret-file is missing"),
                Arguments.of("secret file absent", "media-server = h:1\narray.channel = unix:a\nagents.secret-file = nope\n",
                        "agents.secret-file names"),
                Arguments.of("short secret", "media-server = h:1\narray.channel = unix:a\nagents.secret-file = short\n",
                        "at least 16"),
                Arguments.of("no channel", "media-server = h:1\nagents.secret-file = agents.secret\n",
                        "array.channel is missing"),
                Arguments.of("bad tcp channel", "media-server = h:1\nagents.secret-file = agents.secret\n"
                        + "array.channel = tcp:hostonly\n", "lacks a port"),
                Arguments.of("typo", ok + "media-server = h:1\nmedia-sever = h:2\n", "unknown key media-sever"),
                Arguments.of("group", ok + "media-server = h:1\nstg.group = one\n", "stg.group = 'one' is not a number"),
                Arguments.of("level", ok + "media-server = h:1\nzip.level = 10\n", "zip.level = '10' is not a number from 0 to 9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aWrongFileIsAnSqlErrorNamingTheKey(String name, String text, String expected) throws Exception {
        Files.writeString(dir.resolve("short"), "tiny");
        SQLException e = assertThrows(SQLException.class, () -> PluginConfig.read(write(text)));
        assertEquals(PluginErrors.CONFIG, e.getSQLState());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aMissingFileSaysWhatItShouldHold() {
        SQLException e = assertThrows(SQLException.class, () -> PluginConfig.read(dir.resolve("absent.conf")));
        assertTrue(e.getMessage().contains("absent.conf does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("media-server = HOST:PORT"), e.getMessage());
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("h2-plugin.conf"), text);
    }
}
