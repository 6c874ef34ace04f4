package org.lanfree.cli.h2;

import java.nio.file.Path;
import java.util.Map;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.deploy.Home;
import org.lanfree.cli.media.MediaServerDaemon;
import org.lanfree.h2plugin.PluginConfig;
import org.lanfree.media.server.ConfigException;
import org.lanfree.media.server.ServerConfig;
import org.lanfree.media.server.ServerConfigReader;

/**
 * The H2 plugin's view of a deployment on this machine: the media server's agents port and
 * secret, the array it is attached to, its STG group for agents. As a {@link PluginConfig} for
 * backups this process runs, and as the text of an {@code h2-plugin.conf} for a database's JVM.
 */
public final class DeploymentPlugin {

    private final Home home;
    private final ServerConfig server;
    private final Map<String, String> raw;

    private DeploymentPlugin(Home home, ServerConfig server, Map<String, String> raw) {
        this.home = home;
        this.server = server;
        this.raw = raw;
    }

    public static DeploymentPlugin of(Home home) {
        Path file = home.file(MediaServerDaemon.CONFIG_FILE);
        try {
            return new DeploymentPlugin(home, ServerConfigReader.read(file), ServerConfigReader.values(file));
        } catch (ConfigException e) {
            throw CommandFailure.usage("the deployment in " + home + " has no usable media server configuration: "
                    + e.getMessage());
        }
    }

    public ServerConfig server() {
        return server;
    }

    /** The configuration for a backup of {@code dataset} (null: the database's name) as {@code client}. */
    public PluginConfig config(String client, String dataset) {
        return new PluginConfig("127.0.0.1", server.agents().port(), server.agents().secret(), server.arrayChannel(),
                server.arraySecret(), server.agents().stgGroup(), client, "127.0.0.1", dataset,
                PluginConfig.DEFAULT_ZIP_LEVEL);
    }

    /** An {@code h2-plugin.conf} for a database on this machine, every path absolute. */
    public String configText(String client) {
        StringBuilder s = new StringBuilder();
        s.append("# lanfree H2 plugin configuration for the deployment in ").append(home.dir().toAbsolutePath())
                .append('\n');
        s.append("media-server = 127.0.0.1:").append(server.agents().port()).append('\n');
        s.append("agents.secret-file = ").append(absolute(raw.get("agents.secret-file"))).append('\n');
        s.append("array.channel = ").append(server.arrayChannel()).append('\n');
        String arraySecret = raw.getOrDefault("array.secret-file", "").strip();
        if (!arraySecret.isEmpty()) {
            s.append("array.secret-file = ").append(absolute(arraySecret)).append('\n');
        }
        s.append("stg.group = ").append(server.agents().stgGroup()).append('\n');
        s.append("client = ").append(client).append('\n');
        return s.toString();
    }

    private String absolute(String path) {
        return home.dir().toAbsolutePath().resolve(path.strip()).normalize().toString();
    }
}
