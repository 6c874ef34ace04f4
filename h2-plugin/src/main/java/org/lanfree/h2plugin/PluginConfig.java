package org.lanfree.h2plugin;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.stp.ChannelAddress;

/**
 * Where the plugin sends backups: the media server's well-known port for agents, the secret the
 * agents share with it, the array to attach to, and who this database is. Read from a small file
 * of {@code key = value} lines ({@code #} starts a comment line; relative paths are resolved
 * against the file's folder):
 *
 * <pre>
 * media-server       = 127.0.0.1:7410                   (required: the media server's agents.port)
 * agents.secret-file = /tmp/lanfree/agents.secret       (required: its agents.secret-file)
 * array.channel      = unix:/tmp/lanfree/run/array.sock (required: unix:PATH or tcp:HOST:PORT)
 * array.secret-file  = /tmp/lanfree/channel.secret      (when the array has a channel secret)
 * stg.group          = 1      (optional: the STG group the media server must grant)
 * client             = local  (a name in the media server's agents.clients; default local)
 * callback-host      = 127.0.0.1  (where the media server calls back; default 127.0.0.1)
 * dataset            = appdb  (default: the database's name)
 * zip.level          = 0      (deflate level of the archive, 0 (stored, fastest) to 9; default 0)
 * </pre>
 *
 * @param stgGroup the group the session must be granted, or -1 for whichever the media server grants
 * @param dataset the dataset name, or null for the database's own name
 */
public record PluginConfig(String mediaHost, int mediaPort, SharedSecret agentsSecret, ChannelAddress array,
                           SharedSecret arraySecret, int stgGroup, String client, String callbackHost, String dataset,
                           int zipLevel) {

    /** The keys a configuration file may hold: any other is a typo worth reporting. */
    static final List<String> KEYS = List.of("media-server", "agents.secret-file", "array.channel",
            "array.secret-file", "stg.group", "client", "callback-host", "dataset", "zip.level");

    public static final String DEFAULT_CLIENT = "local";
    public static final int DEFAULT_ZIP_LEVEL = 0;

    /** What every configuration error ends with: where the format is described. */
    static final String FORMAT_HINT = "HINT: the file holds 'key = value' lines: media-server = HOST:PORT,"
            + " agents.secret-file = FILE, array.channel = unix:PATH (see sql/h2/README.md)";

    /** Reads and checks {@code file}; every problem is an SQL error naming the file, the key and the fix. */
    public static PluginConfig read(Path file) throws SQLException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw PluginErrors.config("the configuration file " + file + " does not exist. " + FORMAT_HINT);
        } catch (IOException | IllegalArgumentException e) {
            throw PluginErrors.config("cannot read the configuration file " + file + ": " + e.getMessage());
        }
        TreeSet<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw PluginErrors.config(file + ": unknown key " + unknown.first() + "; expected one of "
                    + String.join(", ", KEYS));
        }
        Path dir = file.toAbsolutePath().getParent();
        String media = required(p, file, "media-server");
        int colon = media.lastIndexOf(':');
        int port = colon > 0 ? port(media.substring(colon + 1)) : -1;
        if (port < 1) {
            throw PluginErrors.config(file + ": media-server = '" + media + "' is not HOST:PORT. HINT: the port is"
                    + " agents.port in the media server's media-server.conf, e.g. media-server = 127.0.0.1:7410");
        }
        SharedSecret agents = secret(file, "agents.secret-file", dir.resolve(required(p, file, "agents.secret-file")));
        ChannelAddress array;
        String channel = required(p, file, "array.channel");
        try {
            array = ChannelAddress.parse(channel);
        } catch (IllegalArgumentException e) {
            throw PluginErrors.config(file + ": array.channel: " + e.getMessage());
        }
        if (array instanceof ChannelAddress.Unix u) {
            array = ChannelAddress.unix(dir.resolve(u.socket()));
        }
        String arraySecretFile = p.getProperty("array.secret-file", "").strip();
        SharedSecret arraySecret = arraySecretFile.isEmpty() ? null
                : secret(file, "array.secret-file", dir.resolve(arraySecretFile));
        int group = number(p, file, "stg.group", -1, 0, Integer.MAX_VALUE);
        int level = number(p, file, "zip.level", DEFAULT_ZIP_LEVEL, 0, 9);
        String dataset = p.getProperty("dataset", "").strip();
        return new PluginConfig(media.substring(0, colon), port, agents, array, arraySecret, group,
                p.getProperty("client", DEFAULT_CLIENT).strip(), p.getProperty("callback-host", "127.0.0.1").strip(),
                dataset.isEmpty() ? null : dataset, level);
    }

    private static String required(Properties p, Path file, String key) throws SQLException {
        String value = p.getProperty(key, "").strip();
        if (value.isEmpty()) {
            throw PluginErrors.config(file + ": " + key + " is missing. " + FORMAT_HINT);
        }
        return value;
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            return port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int number(Properties p, Path file, String key, int absent, int min, int max) throws SQLException {
        String text = p.getProperty(key, "").strip();
        if (text.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw PluginErrors.config(file + ": " + key + " = '" + text + "' is not a number from " + min + " to "
                + (max == Integer.MAX_VALUE ? "2^31-1" : Integer.toString(max)));
    }

    private static SharedSecret secret(Path file, String key, Path secretFile) throws SQLException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(secretFile);
        } catch (IOException e) {
            throw PluginErrors.config(file + ": " + key + " names " + secretFile + ", which cannot be read ("
                    + e.getMessage() + "). HINT: a deployment's home holds agents.secret and channel.secret;"
                    + " the JVM's user must be able to read them");
        }
        try {
            return SharedSecret.of(bytes);
        } catch (IllegalArgumentException e) {
            throw PluginErrors.config(file + ": " + key + " names " + secretFile + ": " + e.getMessage());
        }
    }
}
