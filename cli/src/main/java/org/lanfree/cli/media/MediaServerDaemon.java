package org.lanfree.cli.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.lanfree.array.config.ArrayConfig;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.array.config.ConfigException;
import org.lanfree.cli.arraysim.ArraySimDaemon;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.deploy.DaemonSpec;
import org.lanfree.cli.deploy.FreePorts;
import org.lanfree.cli.deploy.Home;
import org.lanfree.media.server.AdminClient;
import org.lanfree.media.server.CatalogLocation;
import org.lanfree.media.server.ServerConfig;
import org.lanfree.media.server.ServerConfigReader;

/**
 * The media server in a deployment: configured by {@code media-server.conf} (admin port P and
 * catalog server port P+1 from a free pair, a fresh {@code admin.secret}, the deployment's array
 * channel and secret, library in {@code vtl/}, catalog in {@code catalog/}), run by
 * {@code media-server start}, ready when an authenticated admin ping is answered.
 */
public final class MediaServerDaemon implements DaemonSpec {

    public static final String CONFIG_FILE = "media-server.conf";
    public static final String ADMIN_SECRET = "admin.secret";
    /** The secret database agents share with the media server. */
    public static final String AGENTS_SECRET = "agents.secret";
    private static final Duration PROBE_REPLY = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "media-server";
    }

    @Override
    public String configFile() {
        return CONFIG_FILE;
    }

    @Override
    public List<String> jvmOptions() {
        return List.of("-Xmx256m");
    }

    @Override
    public void writeDefaultConfig(Home home) throws IOException {
        writeSecret(home.file(ADMIN_SECRET));
        writeSecret(home.file(AGENTS_SECRET));
        int port = FreePorts.pair();
        int agents = FreePorts.pair();
        while (Math.abs(agents - port) < 2) {
            agents = FreePorts.pair();
        }
        ServerConfigReader.writeDefault(home.file(CONFIG_FILE), Map.of(
                "admin.port", Integer.toString(port),
                "catalog.server-port", Integer.toString(port + 1),
                "agents.port", Integer.toString(agents),
                "agents.secret-file", AGENTS_SECRET,
                "admin.secret-file", ADMIN_SECRET,
                "array.channel", "unix:" + arrayPaths(home)[0],
                "array.secret-file", arrayPaths(home)[1],
                "library.folder", "vtl",
                "catalog.dir", "catalog"));
    }

    /**
     * The array's Unix socket and channel secret file in this deployment (as its array.conf says,
     * relative to the home when inside it; the secret empty when the array has none).
     */
    public static String[] arrayChannelAndSecret(Home home) {
        return arrayPaths(home);
    }

    private static String[] arrayPaths(Home home) {
        try {
            ArrayConfig array = ArrayConfigReader.read(home.file(ArraySimDaemon.CONFIG_FILE));
            return new String[] {relative(home, array.unixSocket()),
                    array.secretFile() == null ? "" : relative(home, array.secretFile())};
        } catch (ConfigException e) {
            return new String[] {"run/array.sock", ArraySimDaemon.SECRET_FILE};
        }
    }

    private static String relative(Home home, Path path) {
        return path.startsWith(home.dir()) ? home.dir().relativize(path).toString() : path.toString();
    }

    @Override
    public void checkConfig(Home home) {
        ServerConfig config = read(home.file(CONFIG_FILE));
        if (config.adminPort() == 0) {
            throw CommandFailure.usage("invalid media server configuration " + home.file(CONFIG_FILE)
                    + ": admin.port: 0 picks a port the operator's commands cannot find. HINT: give a fixed port");
        }
    }

    @Override
    public List<String> mainArgs(Home home) {
        return List.of("media-server", "start", "--config", home.file(CONFIG_FILE).toString());
    }

    @Override
    public boolean answers(Home home) {
        try {
            ServerConfig config = ServerConfigReader.read(home.file(CONFIG_FILE));
            try (AdminClient client = AdminClient.connect(config.adminPort(), config.adminSecret(), PROBE_REPLY)) {
                return client.ask(AdminClient.request("ping")).path("server").asText().equals(config.name());
            }
        } catch (org.lanfree.media.server.ConfigException | IOException | RuntimeException e) {
            return false;
        }
    }

    /** A fresh random secret, readable by the owner only; an existing one is kept. */
    private static void writeSecret(Path secret) throws IOException {
        if (!Files.exists(secret)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(secret, bytes);
        }
    }

    @Override
    public Endpoints endpoints(Home home) {
        try {
            ServerConfig config = ServerConfigReader.read(home.file(CONFIG_FILE));
            List<Integer> ports = config.catalog() instanceof CatalogLocation.Embedded e
                    ? List.of(config.adminPort(), e.serverPort(), config.agents().port())
                    : List.of(config.adminPort(), config.agents().port());
            return new Endpoints(ports, null, "127.0.0.1:" + config.adminPort() + " (admin port)");
        } catch (org.lanfree.media.server.ConfigException e) {
            return Endpoints.unknown();
        }
    }

    /** Reads a media server configuration, turning a bad one into a usage error naming the file and field. */
    static ServerConfig read(Path file) {
        try {
            return ServerConfigReader.read(file);
        } catch (org.lanfree.media.server.ConfigException e) {
            throw CommandFailure.usage("invalid media server configuration " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }
}
