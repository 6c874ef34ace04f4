package org.lanfree.cli.deploy;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.lanfree.array.config.ArrayConfig;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.array.config.ConfigException;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;

/**
 * A daemon spec for registries built by tests: a small real array with its own name, so several
 * can run in one home. A deaf one starts but its readiness probe never succeeds, as if it hung.
 */
record TestArray(String name, boolean deaf) implements DaemonSpec {

    static TestArray healthy(String name) {
        return new TestArray(name, false);
    }

    static TestArray deaf(String name) {
        return new TestArray(name, true);
    }

    @Override
    public String configFile() {
        return name + ".conf";
    }

    @Override
    public List<String> jvmOptions() {
        return List.of("-Xmx128m");
    }

    @Override
    public void writeDefaultConfig(Home home) throws IOException {
        ArrayConfigReader.writeDefault(home.file(configFile()), Map.of(
                "channel.unix", "run/" + name + ".sock",
                "cache.file", "run/" + name + ".mem",
                "cache.slots", "64",
                "devices.dir", name + "-devices"));
    }

    @Override
    public void checkConfig(Home home) {
        config(home);
    }

    @Override
    public List<String> mainArgs(Home home) {
        return List.of("array-sim", "start", "--config", home.file(configFile()).toString());
    }

    @Override
    public boolean answers(Home home) {
        if (deaf) {
            return false;
        }
        try (ArrayDriver driver = ArrayDriver.attach(ChannelAddress.unix(config(home).unixSocket()), "test")) {
            return driver.isAttached();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Endpoints endpoints(Home home) {
        try {
            ArrayConfig c = ArrayConfigReader.read(home.file(configFile()));
            return new Endpoints(List.of(), c.unixSocket(), c.unixSocket().toString());
        } catch (ConfigException e) {
            return Endpoints.unknown();
        }
    }

    private ArrayConfig config(Home home) {
        try {
            return ArrayConfigReader.read(home.file(configFile()));
        } catch (ConfigException e) {
            throw CommandFailure.usage(e.getMessage());
        }
    }
}
