package org.lanfree.cli.pg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.deploy.DaemonSpec;
import org.lanfree.cli.deploy.Home;
import org.lanfree.cli.media.MediaServerDaemon;
import org.lanfree.db.pg.jobs.DbAgentConfig;

/**
 * The db-agent in a deployment: {@code db-agent.conf} points it at the media server's agents
 * port and the array; its clusters are in {@code db-agent.clusters} (none at first: {@code
 * db-agent add} registers them). It listens on no port, so it is ready once it has written its
 * pid to {@code run/db-agent.ready}.
 */
public final class DbAgentDaemon implements DaemonSpec {

    public static final String CONFIG_FILE = "db-agent.conf";
    public static final String CLUSTERS_FILE = "db-agent.clusters";

    @Override
    public String name() {
        return "db-agent";
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
        String agentsPort = agentsPort(home.file(MediaServerDaemon.CONFIG_FILE));
        String[] array = MediaServerDaemon.arrayChannelAndSecret(home);
        Files.writeString(home.file(CONFIG_FILE), String.join("\n",
                "# The db-agent: backups of PostgreSQL clusters, requested with SELECT lanfree.backup().",
                "# Clusters: one postgresql:// URL a line in the clusters-file ('lanfree db-agent add' appends).",
                "agent.client = local",
                "media.host = 127.0.0.1",
                "media.port = " + agentsPort,
                "media.secret-file = " + MediaServerDaemon.AGENTS_SECRET,
                "array.channel = unix:" + array[0],
                "array.secret-file = " + array[1],
                "clusters-file = " + CLUSTERS_FILE,
                "# BASE_BACKUP's MAX_RATE in kB/s (32..1048576); 0 for no limit",
                "backup.max-rate = 0",
                "ready-file = run/db-agent.ready",
                ""));
    }

    /**
     * The media server's agents.port, read as text: the rest of its configuration (and the
     * array's, which it refers to) is checked by their own daemons, which say what is wrong.
     */
    private static String agentsPort(Path mediaConf) throws IOException {
        for (String line : Files.readAllLines(mediaConf)) {
            String t = line.strip();
            if (t.startsWith("agents.port") && t.contains("=")) {
                return t.substring(t.indexOf('=') + 1).strip();
            }
        }
        throw new IOException(mediaConf + " has no agents.port, which the db-agent dials; write one there");
    }

    @Override
    public void checkConfig(Home home) {
        read(home.file(CONFIG_FILE));
    }

    @Override
    public List<String> mainArgs(Home home) {
        return List.of("db-agent", "start", "--config", home.file(CONFIG_FILE).toString());
    }

    /** Ready when the pid in its ready file is a live process. */
    @Override
    public boolean answers(Home home) {
        try {
            Path ready = read(home.file(CONFIG_FILE)).readyFile();
            long pid = Long.parseLong(Files.readString(ready).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public Endpoints endpoints(Home home) {
        return new Endpoints(List.of(), null, "(no port: it dials the media server and LISTENs in PostgreSQL)");
    }

    /** Reads a db-agent configuration, turning a bad one into a usage error naming the file and field. */
    public static DbAgentConfig read(Path file) {
        try {
            return DbAgentConfig.read(file);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("invalid db-agent configuration: " + e.getMessage());
        }
    }
}
