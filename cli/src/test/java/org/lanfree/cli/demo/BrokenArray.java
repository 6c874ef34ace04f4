package org.lanfree.cli.demo;

import java.io.IOException;
import java.util.List;

import org.lanfree.cli.arraysim.ArraySimDaemon;
import org.lanfree.cli.deploy.DaemonSpec;
import org.lanfree.cli.deploy.Home;

/**
 * The real array daemon, except that its process is started with a configuration file that
 * does not exist, so it exits with code 2 at once: a deployment whose array cannot start.
 */
final class BrokenArray implements DaemonSpec {

    private final ArraySimDaemon array = new ArraySimDaemon();

    @Override
    public String name() {
        return array.name();
    }

    @Override
    public String configFile() {
        return array.configFile();
    }

    @Override
    public List<String> jvmOptions() {
        return array.jvmOptions();
    }

    @Override
    public void writeDefaultConfig(Home home) throws IOException {
        array.writeDefaultConfig(home);
    }

    @Override
    public void checkConfig(Home home) {
        array.checkConfig(home);
    }

    @Override
    public List<String> mainArgs(Home home) {
        return List.of("array-sim", "start", "--config", home.file("missing.conf").toString());
    }

    @Override
    public boolean answers(Home home) {
        return array.answers(home);
    }

    @Override
    public Endpoints endpoints(Home home) {
        return array.endpoints(home);
    }
}
