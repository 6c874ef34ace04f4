package org.lanfree.cli.arraysim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.lanfree.array.config.ArrayConfig;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.array.config.ConfigException;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.deploy.DaemonSpec;
import org.lanfree.cli.deploy.Home;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;

/**
 * The array in a deployment: configured by {@code array.conf}, run by {@code array-sim start},
 * ready when a host can attach over its Unix socket.
 */
public final class ArraySimDaemon implements DaemonSpec {

    public static final String CONFIG_FILE = "array.conf";

    /** The host name the readiness probe attaches with; the array lists it among its hosts. */
    private static final String PROBE_HOST = "lanfree-up";

    @Override
    public String name() {
        return "array-sim";
    }

    @Override
    public String configFile() {
        return CONFIG_FILE;
    }

    @Override
    public List<String> jvmOptions() {
        // The cache is a mapped file outside the heap; the heap holds only the directory and queues.
        return List.of("-Xmx128m");
    }

    /** The deployment's channel secret, beside the configuration; every local host reads it. */
    public static final String SECRET_FILE = "channel.secret";

    /** Writes the default configuration with a fresh random channel secret (mode 0600). */
    @Override
    public void writeDefaultConfig(Home home) throws IOException {
        Path secret = home.file(SECRET_FILE);
        if (!Files.exists(secret)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(secret, bytes);
        }
        ArrayConfigReader.writeDefault(home.file(CONFIG_FILE), Map.of("channel.secret-file", SECRET_FILE));
    }

    @Override
    public void checkConfig(Home home) {
        read(home.file(CONFIG_FILE));
    }

    @Override
    public List<String> mainArgs(Home home) {
        return List.of("array-sim", "start", "--config", home.file(CONFIG_FILE).toString());
    }

    @Override
    public boolean answers(Home home) {
        ArrayConfig config;
        try {
            config = ArrayConfigReader.read(home.file(CONFIG_FILE));
        } catch (ConfigException e) {
            return false;
        }
        try (ArrayDriver driver = ArrayDriver.attach(ChannelAddress.unix(config.unixSocket()), PROBE_HOST,
                config.channelSecret())) {
            return driver.isAttached();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Endpoints endpoints(Home home) {
        try {
            ArrayConfig config = ArrayConfigReader.read(home.file(CONFIG_FILE));
            return endpoints(config);
        } catch (ConfigException e) {
            return Endpoints.unknown();
        }
    }

    static Endpoints endpoints(ArrayConfig config) {
        List<Integer> ports = List.of();
        String tcp = config.tcpChannel();
        if (tcp != null && !tcp.isBlank()) {
            ports = List.of(Integer.parseInt(tcp.substring(tcp.lastIndexOf(':') + 1)));
        }
        return new Endpoints(ports, config.unixSocket(), config.unixSocket().toString());
    }

    /** Reads an array configuration, turning a bad one into a usage error that names the file. */
    static ArrayConfig read(Path file) {
        try {
            return ArrayConfigReader.read(file);
        } catch (ConfigException e) {
            throw CommandFailure.usage("invalid array configuration " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }
}
