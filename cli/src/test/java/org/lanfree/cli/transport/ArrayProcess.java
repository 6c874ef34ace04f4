package org.lanfree.cli.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;
import org.lanfree.testkit.ChildJvm;
import org.lanfree.testkit.FreePorts;
import org.lanfree.testkit.TempHome;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * array-sim in its own process, for end-to-end tests: a default configuration with the TCP
 * channel on a free loopback port, a channel secret, and the cache file inside the temp home (so
 * nothing lands in /dev/shm). {@code close()} stops it with SIGTERM (a clean stop removes the
 * cache file) and deletes the home.
 */
final class ArrayProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final TempHome home;
    final Path channelSecret;
    private final int tcpPort;
    private final ChildJvm process;

    private ArrayProcess(TempHome home, Path channelSecret, int tcpPort, ChildJvm process) {
        this.home = home;
        this.channelSecret = channelSecret;
        this.tcpPort = tcpPort;
        this.process = process;
    }

    static ArrayProcess start(String prefix) throws IOException {
        TempHome home = TempHome.create(prefix);
        try {
            Path secret = home.resolve("channel.secret");
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.write(secret, bytes);
            Files.createDirectories(home.resolve("run"));
            int port = FreePorts.single();
            Path conf = home.resolve("array.conf");
            ArrayConfigReader.writeDefault(conf, Map.of(
                    "channel.tcp", "127.0.0.1:" + port,
                    "channel.secret-file", "channel.secret",
                    "cache.file", "run/cache.mem"));
            ChildJvm array = ChildJvm.main("org.lanfree.array.ArrayDaemon")
                    .jvmOptions("-Xmx128m", "--enable-native-access=ALL-UNNAMED")
                    .args(conf.toString())
                    .log(home.resolve("logs/array-sim.log"))
                    .start();
            array.awaitLine(Pattern.compile("array-sim ready"), Duration.ofSeconds(60));
            return new ArrayProcess(home, secret, port, array);
        } catch (IOException | RuntimeException | Error e) {
            home.close();
            throw e;
        }
    }

    /** The shared-memory channel: {@code unix:HOME/run/array.sock}. */
    String unixChannel() {
        return "unix:" + home.resolve("run/array.sock");
    }

    /** The TCP channel: {@code tcp:127.0.0.1:PORT}. */
    String tcpChannel() {
        return "tcp:127.0.0.1:" + tcpPort;
    }

    /** The array's {@code bytesMoved}: payload bytes delivered to receivers since it started. */
    long bytesMoved() throws IOException {
        try (ArrayDriver observer = ArrayDriver.attach(ChannelAddress.parse(unixChannel()), "test-observer",
                SharedSecret.of(Files.readAllBytes(channelSecret)))) {
            return JSON.readTree(observer.statusJson()).get("bytesMoved").asLong();
        }
    }

    String log() {
        return process.tail();
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.terminate();
                process.waitFor(Duration.ofSeconds(20));
            }
        } finally {
            process.close();
            home.close();
        }
    }
}
