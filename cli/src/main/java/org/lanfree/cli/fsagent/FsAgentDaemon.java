package org.lanfree.cli.fsagent;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.deploy.DaemonSpec;
import org.lanfree.cli.deploy.FreePorts;
import org.lanfree.cli.deploy.Home;
import org.lanfree.cli.media.AdminCall;
import org.lanfree.cli.media.MediaServerDaemon;
import org.lanfree.fs.agent.AgentConfig;
import org.lanfree.fs.agent.AgentConfigException;
import org.lanfree.fs.agent.AgentConfigReader;
import org.lanfree.media.server.AdminClient;

/**
 * The fs-agent in a deployment: configured by {@code fs-agent.conf} (a free port pair, the
 * agents' secret shared with the media server, the deployment's array channel), run by
 * {@code fs-agent start}, ready once both its ports are bound, and then registered with the
 * media server as client {@code local} at that address.
 */
public final class FsAgentDaemon implements DaemonSpec {

    public static final String CONFIG_FILE = "fs-agent.conf";

    @Override
    public String name() {
        return "fs-agent";
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
        String[] array = MediaServerDaemon.arrayChannelAndSecret(home);
        AgentConfigReader.writeDefault(home.file(CONFIG_FILE), Map.of(
                "agent.port", Integer.toString(FreePorts.pair()),
                "agent.secret-file", MediaServerDaemon.AGENTS_SECRET,
                "array.channel", "unix:" + array[0],
                "array.secret-file", array[1]));
    }

    @Override
    public void checkConfig(Home home) {
        read(home.file(CONFIG_FILE));
    }

    @Override
    public List<String> mainArgs(Home home) {
        return List.of("fs-agent", "start", "--config", home.file(CONFIG_FILE).toString());
    }

    /** Ready when both ports are taken: probing by binding them disturbs no one, connecting would log a refusal. */
    @Override
    public boolean answers(Home home) {
        try {
            AgentConfig config = AgentConfigReader.read(home.file(CONFIG_FILE));
            return taken(config.host(), config.port()) && taken(config.host(), config.port() + 1);
        } catch (AgentConfigException | RuntimeException e) {
            return false;
        }
    }

    /** Registers the agent with the media server as client {@code agent.client} at its address. */
    @Override
    public void afterStart(Home home) {
        AgentConfig config = read(home.file(CONFIG_FILE));
        AdminCall.ask(home, AdminClient.request("client.add").put("name", config.client()).put("host", config.host())
                .put("port", config.port()));
    }

    @Override
    public Endpoints endpoints(Home home) {
        try {
            AgentConfig config = AgentConfigReader.read(home.file(CONFIG_FILE));
            return new Endpoints(List.of(config.port(), config.port() + 1), null, config.host() + ":" + config.port()
                    + " (well-known port)");
        } catch (AgentConfigException e) {
            return Endpoints.unknown();
        }
    }

    private static boolean taken(String host, int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return false;
        } catch (BindException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads an fs-agent configuration, turning a bad one into a usage error naming the file and field. */
    public static AgentConfig read(Path file) {
        try {
            return AgentConfigReader.read(file);
        } catch (AgentConfigException e) {
            throw CommandFailure.usage("invalid fs-agent configuration " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }
}
