package org.lanfree.media.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanfree.connect.stp.ChannelAddress;

/** media-server.conf: the documented default works, and every bad field is named with its fix. */
class ServerConfigReaderTest {

    @TempDir
    Path dir;

    @BeforeEach
    void secrets() throws Exception {
        Files.write(dir.resolve("admin.secret"), new byte[32]);
        Files.write(dir.resolve("agents.secret"), new byte[32]);
        Files.write(dir.resolve("channel.secret"), new byte[32]);
    }

    @Test
    void theDefaultFileReadsWithPathsRelativeToItsFolder() throws Exception {
        Path file = dir.resolve("media-server.conf");
        ServerConfigReader.writeDefault(file, Map.of("admin.port", "9001"));
        ServerConfig config = ServerConfigReader.read(file);
        assertEquals(9001, config.adminPort());
        assertEquals(ChannelAddress.unix(dir.resolve("run/array.sock")), config.arrayChannel());
        assertEquals(dir.resolve("vtl"), config.library().folder());
        assertEquals(new CatalogLocation.Embedded(dir.resolve("catalog"), 7412), config.catalog());
        assertEquals(Duration.ofMinutes(10), config.mountWait());
        assertEquals(dir.resolve("staging"), config.staging().dir());
        assertEquals(1L << 30, config.staging().policy().batchBytes());
        assertEquals(Duration.ofHours(1), config.staging().policy().maxAge());
        assertEquals("wal", config.staging().tapePool());
    }

    @Test
    void libraryKeysGivenInlineReachTheLibrary() throws Exception {
        Path file = write("library.drives = 3\nlibrary.slots = 5\ncartridges.count = 4\n");
        ServerConfig config = ServerConfigReader.read(file);
        assertEquals(3, config.library().drives());
        assertEquals(5, config.library().slots());
        assertEquals(4, config.library().initialCartridges());
    }

    @Test
    void policiesAreReadFromTheirKeys() throws Exception {
        Path file = dir.resolve("media-server.conf");
        ServerConfigReader.writeDefault(file, Map.of("policy.daily.clients", "local, files1",
                "policy.daily.paths", "/srv, /home", "policy.daily.every", "1d", "policy.daily.full-every", "7d",
                "policy.daily.excludes", "*.tmp, /srv/cache", "policy.daily.one-file-system", "true",
                "policy.quick.clients", "local", "policy.quick.paths", "/etc"));
        ServerConfig config = ServerConfigReader.read(file);
        assertEquals(2, config.policies().size());
        // Map.of writes the keys in no fixed order, so the policies are found by name.
        ServerConfig.TreePolicy daily = policy(config, "daily");
        assertEquals("daily", daily.spec().name());
        assertEquals(java.util.List.of("local", "files1"), daily.clients());
        assertEquals(java.util.List.of("/srv", "/home"), daily.paths());
        assertEquals(Duration.ofDays(1), daily.spec().backupEvery());
        assertEquals(Duration.ofDays(7), daily.spec().fullEvery());
        assertEquals(java.util.List.of("*.tmp", "/srv/cache"), daily.spec().excludes());
        assertTrue(daily.spec().oneFileSystem());
        assertEquals("backup", daily.spec().pool(), "the backup pool unless the policy names one");
        ServerConfig.TreePolicy quick = policy(config, "quick");
        assertEquals(null, quick.spec().backupEvery(), "no schedule: run by hand only");
        assertEquals(30, quick.spec().retentionDays());
        assertEquals(Duration.ofSeconds(60), config.scheduleCheck());
    }

    private static ServerConfig.TreePolicy policy(ServerConfig config, String name) {
        return config.policies().stream().filter(p -> p.spec().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no policy " + name + " in " + config.policies()));
    }

    @Test
    void aJdbcUrlReplacesTheEmbeddedCatalog() throws Exception {
        Files.writeString(dir.resolve("pw"), "s3cret\n");
        Path file = write("catalog.url = jdbc:postgresql://db1/lanfree\ncatalog.user = lanfree\ncatalog.password-file = pw\n");
        assertEquals(new CatalogLocation.Jdbc("jdbc:postgresql://db1/lanfree", "lanfree", "s3cret"),
                ServerConfigReader.read(file).catalog());
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                bad("an unknown key", "admin.prot = 1\n", "admin.prot", "is not a setting of the media server"),
                bad("a port that is not a number", "admin.port = seven\n", "admin.port", "'seven' is not a port number"),
                bad("a port out of range", "catalog.server-port = 70000\n", "catalog.server-port", "70000 is out of range"),
                bad("a missing admin secret", "admin.secret-file = nowhere\n", "admin.secret-file", "cannot be read"),
                bad("a client name with a space", "agents.clients = local, bad name\n", "agents.clients", "not a valid client name"),
                bad("backups into the scratch pool", "backup.pool = scratch\n", "backup.pool", "cannot hold backups"),
                bad("a missing agents secret", "agents.secret-file = nowhere\n", "agents.secret-file", "cannot be read"),
                bad("an empty admin secret key", "admin.secret-file =\n", "admin.secret-file", "is empty"),
                bad("a channel without its kind", "array.channel = run/array.sock\n", "array.channel", "names no channel kind"),
                bad("a bad server name", "server.name = -x\n", "server.name", "is not a valid name"),
                bad("a duration without unit", "mount.wait = 10\n", "mount.wait", "is not a positive duration"),
                bad("a bad library setting", "library.slots = none\n", "library.slots", "is not a whole number"),
                bad("library keys beside library.config", "library.config = vtl.conf\nlibrary.drives = 2\n",
                        "library.drives", "library.config names vtl.conf too"),
                bad("a URL that is not JDBC", "catalog.url = postgres://db1\ncatalog.user = x\n", "catalog.url",
                        "is not a JDBC URL"),
                bad("a URL without user", "catalog.url = jdbc:postgresql://db1/x\n", "catalog.user", "is empty"),
                bad("a staging size that is not a size", "staging.max-bytes = lots\n", "staging.max-bytes",
                        "'lots' is not a positive size"),
                bad("a staging tape pool with a slash", "staging.tape-pool = a/b\n", "staging.tape-pool",
                        "is not a valid pool name"),
                bad("a negative keep count", "staging.keep-segments = -1\n", "staging.keep-segments",
                        "is not a whole number of 0 or more"),
                bad("a policy without paths", "policy.p.clients = local\n", "policy.p.paths", "is missing or empty"),
                bad("a policy with a relative path", "policy.p.clients = local\npolicy.p.paths = srv\n",
                        "policy.p.paths", "'srv' is not an absolute path"),
                bad("a policy schedule without unit", "policy.p.clients = local\npolicy.p.paths = /srv\n"
                        + "policy.p.every = 5\n", "policy.p.every", "'5' is not a positive duration"),
                bad("a policy field that does not exist", "policy.p.often = 1d\n", "policy.p.often",
                        "is not a setting of the media server"),
                bad("a key given twice", "admin.port = 1\nadmin.port = 2\n", "admin.port", "is given twice"));
    }

    private static Arguments bad(String name, String text, String field, String problem) {
        return Arguments.of(Named.of(name, text), field, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFields")
    void aBadFieldIsNamedWithTheProblemAndAHint(String text, String field, String problem) throws Exception {
        Path file = write(text);
        ConfigException e = assertThrows(ConfigException.class, () -> ServerConfigReader.read(file));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().contains("HINT: "), e.getMessage());
    }

    @Test
    void startWithoutARunningArrayFailsNamingTheChannelAndLeavesNothingOpen() throws Exception {
        Path file = write("admin.port = 0\ncatalog.server-port = 0\nlibrary.slots = 4\ncartridges.count = 2\n");
        ServerConfig config = ServerConfigReader.read(file);
        StartException e = assertThrows(StartException.class, () -> MediaServer.start(config));
        assertTrue(e.getMessage().startsWith("cannot attach to the array at unix:" + dir.resolve("run/array.sock")),
                e.getMessage());
        assertTrue(e.getMessage().contains("HINT: start the array first"), e.getMessage());
        StartException again = assertThrows(StartException.class, () -> MediaServer.start(config));
        assertTrue(again.getMessage().startsWith("cannot attach to the array"),
                "the first attempt released the catalog and the library: " + again.getMessage());
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("media-server.conf");
        Files.writeString(file, text);
        return file;
    }
}
