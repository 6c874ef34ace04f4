package org.lanfree.array;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.array.config.ConfigException;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;

/** An array started in this JVM from a small configuration in a temporary folder. */
final class TestArray implements AutoCloseable {

    final Path dir;
    final ArrayDaemon daemon;

    private TestArray(Path dir, ArrayDaemon daemon) {
        this.dir = dir;
        this.daemon = daemon;
    }

    static Map<String, String> small() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cache.track-size", "256K");
        m.put("cache.slots", "64");
        m.put("cache.prefault", "false");
        m.put("cache.file", "cache.mem");
        m.put("channel.tcp", "127.0.0.1:0");
        m.put("devices.count", "2");
        m.put("devices.tracks", "256");
        m.put("stg.1.devices", "0");
        m.put("stg.1.ports", "9000-9015");
        m.put("stg.1.ring", "8");
        m.put("stg.1.max-ring", "16");
        m.put("stg.2.devices", "1");
        m.put("stg.2.ports", "9100-9103");
        m.put("stg.2.ring", "4");
        m.put("stg.2.max-ring", "8");
        return m;
    }

    static TestArray start(Map<String, String> overrides) throws IOException, ConfigException {
        return start(overrides, null);
    }

    /** Starts an array whose channel requires {@code secret} (null: none). */
    static TestArray start(Map<String, String> overrides, byte[] secret) throws IOException, ConfigException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "lfa");
        if (secret != null) {
            Files.write(dir.resolve("channel.secret"), secret);
            overrides = new java.util.LinkedHashMap<>(overrides);
            overrides.put("channel.secret-file", "channel.secret");
        }
        Path conf = dir.resolve("array.conf");
        ArrayConfigReader.writeDefault(conf, overrides);
        return new TestArray(dir, ArrayDaemon.start(ArrayConfigReader.read(conf)));
    }

    /** Attaches over the shared-memory channel. */
    ArrayDriver attach(String name) throws IOException {
        return ArrayDriver.attach(unix(), name);
    }

    /** Attaches over the TCP channel. */
    ArrayDriver attachTcp(String name) throws IOException {
        return ArrayDriver.attach(tcp(), name);
    }

    /** The shared-memory channel's command socket. */
    ChannelAddress unix() {
        return ChannelAddress.unix(dir.resolve("run/array.sock"));
    }

    /** The TCP channel (the test configuration always opens one). */
    ChannelAddress.Tcp tcp() throws IOException {
        for (String a : daemon.addresses()) {
            if (a.startsWith("tcp:")) {
                return (ChannelAddress.Tcp) ChannelAddress.parse(a);
            }
        }
        throw new IllegalStateException("the test array has no TCP channel");
    }

    @Override
    public void close() throws IOException {
        daemon.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
