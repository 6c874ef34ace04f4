package org.lanfree.media.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.stp.ChannelAddress;
import org.lanfree.media.staging.StagingPolicy;
import org.lanfree.media.vtl.LibraryConfig;
import org.lanfree.media.vtl.LibraryConfigException;

/**
 * Reads and checks {@code media-server.conf}; writes the documented default (the resource
 * {@code org/lanfree/media/server/media-server.conf}). Keys absent from a file take the
 * default's value; every error names the key and the fix.
 */
public final class ServerConfigReader {

    public static final String RESOURCE = "media-server.conf";

    private static final Set<String> OWN_KEYS = Set.of("server.name", "admin.port", "admin.secret-file",
            "array.channel", "array.secret-file", "library.config", "library.folder", "catalog.dir", "catalog.url",
            "catalog.user", "catalog.password-file", "catalog.server-port", "mount.wait", "agents.port",
            "agents.secret-file", "agents.clients", "agents.stg-group", "agents.ring", "backup.pool",
            "staging.dir", "staging.max-bytes", "staging.batch-bytes", "staging.max-age", "staging.keep-segments",
            "staging.tape-pool", "staging.check", "schedule.check");
    private static final Set<String> LIBRARY_KEYS = Set.of("library.drives", "library.slots", "library.ie-slots",
            "drive.block-size", "cartridges.count", "cartridges.first", "cartridges.pool", "cartridges.capacity",
            "cartridges.early-warning");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smh])");
    private static final String SECRET_FIX = "create it with: head -c 32 /dev/urandom > FILE; chmod 600 FILE"
            + " ('lanfree up' writes one)";

    private ServerConfigReader() {
    }

    /** The documented default configuration, as text. */
    public static String defaultText() {
        try (InputStream in = ServerConfigReader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the media-server jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the default configuration to {@code file} with the given keys' values replaced (unknown keys appended). */
    public static void writeDefault(Path file, Map<String, String> overrides) throws IOException {
        Map<String, String> pending = new LinkedHashMap<>(overrides);
        StringBuilder out = new StringBuilder();
        for (String line : defaultText().split("\n", -1)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0 && pending.containsKey(line.substring(0, eq).strip())) {
                String key = line.substring(0, eq).strip();
                line = key + " = " + pending.remove(key);
            }
            out.append(line).append('\n');
        }
        pending.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString().stripTrailing() + "\n");
    }

    /** Reads the configuration file's keys and values, without checking them. */
    public static Map<String, String> values(Path file) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("--config", "file " + file.toAbsolutePath() + " does not exist",
                    "give the path of a media server configuration; 'lanfree up' writes one");
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage(),
                    "check the file's permissions");
        }
        Map<String, String> values = new LinkedHashMap<>(parse(List.of(defaultText().split("\n")), RESOURCE));
        values.putAll(checkKeys(parse(lines, file.getFileName().toString())));
        return values;
    }

    /** Reads and checks the whole configuration, reading the secret files it names. */
    public static ServerConfig read(Path file) throws ConfigException {
        Path dir = file.toAbsolutePath().getParent();
        Map<String, String> v = values(file);
        String name = v.get("server.name").strip();
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException("server.name", "'" + name + "' is not a valid name",
                    "use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        int adminPort = port(v, "admin.port");
        SharedSecret adminSecret = secret("admin.secret-file", required(v, "admin.secret-file", SECRET_FIX), dir);
        ChannelAddress channel = channel(v.get("array.channel").strip(), dir);
        String arraySecretFile = v.get("array.secret-file").strip();
        SharedSecret arraySecret = arraySecretFile.isEmpty() ? null : secret("array.secret-file", arraySecretFile, dir);
        ServerConfig.Agents agents = agents(v, dir);
        return new ServerConfig(file.toAbsolutePath(), name, adminPort, adminSecret, channel, arraySecret,
                library(v, dir), catalog(v, dir), duration(v, "mount.wait"), agents, staging(v, dir),
                PolicyConfigReader.read(v, agents.pool()), duration(v, "schedule.check"));
    }

    private static ServerConfig.Staging staging(Map<String, String> v, Path dir) throws ConfigException {
        Path folder = dir.resolve(required(v, "staging.dir", "name the staging pool's folder, e.g. staging"));
        String pool = v.get("staging.tape-pool").strip();
        if (!NAME.matcher(pool).matches()) {
            throw new ConfigException("staging.tape-pool", "'" + pool + "' is not a valid pool name",
                    "use 1-64 letters, digits, '.', '_' or '-', e.g. wal");
        }
        int keep = positiveOrZero(v, "staging.keep-segments");
        StagingPolicy policy = new StagingPolicy("staging", size(v, "staging.max-bytes"), size(v, "staging.batch-bytes"),
                age(v, "staging.max-age"), keep, 0);
        return new ServerConfig.Staging(folder, policy, pool, duration(v, "staging.check"));
    }

    private static long size(Map<String, String> v, String key) throws ConfigException {
        String text = v.get(key).strip();
        try {
            long bytes = LibraryConfig.parseSize(text);
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new ConfigException(key, "'" + text + "' is not a positive size",
                "write a whole number of bytes with an optional K, M, G or T suffix, e.g. 1G");
    }

    /** A duration that may be 0s (e.g. migrate as soon as anything waits). */
    private static Duration age(Map<String, String> v, String key) throws ConfigException {
        String text = v.get(key).strip();
        if (text.matches("0+\\s*[smh]")) {
            return Duration.ZERO;
        }
        return duration(v, key);
    }

    private static int positiveOrZero(Map<String, String> v, String key) throws ConfigException {
        String text = v.get(key).strip();
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key, "'" + text + "' is not a whole number of 0 or more", "write e.g. 8");
    }

    private static ServerConfig.Agents agents(Map<String, String> v, Path dir) throws ConfigException {
        int port = port(v, "agents.port");
        SharedSecret secret = secret("agents.secret-file", required(v, "agents.secret-file", SECRET_FIX), dir);
        List<String> clients = new java.util.ArrayList<>();
        for (String c : v.get("agents.clients").split(",")) {
            String client = c.strip();
            if (client.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(client).matches()) {
                throw new ConfigException("agents.clients", "'" + client + "' is not a valid client name",
                        "use 1-64 letters, digits, '.', '_' or '-' per name, separated by commas");
            }
            clients.add(client);
        }
        int group = positive(v, "agents.stg-group");
        int ring = positive(v, "agents.ring");
        String pool = v.get("backup.pool").strip();
        if (!NAME.matcher(pool).matches() || pool.equals("scratch")) {
            throw new ConfigException("backup.pool", "'" + pool + "' cannot hold backups",
                    "name a tape pool other than scratch, e.g. backup");
        }
        return new ServerConfig.Agents(port, secret, List.copyOf(clients), group, ring, pool);
    }

    private static int positive(Map<String, String> v, String key) throws ConfigException {
        String text = v.get(key).strip();
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key, "'" + text + "' is not a positive whole number", "write e.g. 1");
    }

    private static Map<String, String> parse(List<String> lines, String source) throws ConfigException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String where = source + " line " + (i + 1);
            if (eq <= 0) {
                throw new ConfigException(where, "'" + line + "' is not 'key = value'", "write one key = value per line");
            }
            String key = line.substring(0, eq).strip();
            if (values.put(key, line.substring(eq + 1).strip()) != null) {
                throw new ConfigException(key, "is given twice (again on " + where + ")", "keep one of the lines");
            }
        }
        return values;
    }

    private static Map<String, String> checkKeys(Map<String, String> given) throws ConfigException {
        for (String key : given.keySet()) {
            if (!OWN_KEYS.contains(key) && !LIBRARY_KEYS.contains(key) && !PolicyConfigReader.isPolicyKey(key)) {
                Set<String> known = new TreeSet<>(OWN_KEYS);
                known.addAll(LIBRARY_KEYS);
                throw new ConfigException(key, "is not a setting of the media server",
                        "remove it or fix its spelling; settings are " + known + " and policy.NAME.FIELD with FIELD"
                                + " one of clients, paths, pool, retention-days, every, full-every, excludes,"
                                + " one-file-system, compression");
            }
        }
        return given;
    }

    private static String required(Map<String, String> v, String key, String hint) throws ConfigException {
        String value = v.getOrDefault(key, "").strip();
        if (value.isEmpty()) {
            throw new ConfigException(key, "is empty", hint);
        }
        return value;
    }

    private static int port(Map<String, String> v, String key) throws ConfigException {
        String text = v.get(key).strip();
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "'" + text + "' is not a port number", "write a number from 1 to 65535, or 0 for any free port");
        }
        throw new ConfigException(key, text + " is out of range", "write a number from 1 to 65535, or 0 for any free port");
    }

    private static Duration duration(Map<String, String> v, String key) throws ConfigException {
        String text = v.get(key).strip();
        Matcher m = DURATION.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new ConfigException(key, "'" + text + "' is not a positive duration", "write a number with s, m or h, e.g. 10m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static SharedSecret secret(String key, String value, Path dir) throws ConfigException {
        Path file = dir.resolve(value);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(key, "file " + file + " cannot be read (" + e + ")", SECRET_FIX);
        }
        if (bytes.length < SharedSecret.MIN_BYTES) {
            throw new ConfigException(key, "file " + file + " holds " + bytes.length + " bytes, a secret needs at least "
                    + SharedSecret.MIN_BYTES, SECRET_FIX);
        }
        return SharedSecret.of(bytes);
    }

    private static ChannelAddress channel(String text, Path dir) throws ConfigException {
        if (!text.startsWith("unix:") && !text.startsWith("tcp:")) {
            throw new ConfigException("array.channel", "'" + text + "' names no channel kind",
                    "write unix:PATH (e.g. unix:run/array.sock) or tcp:HOST:PORT");
        }
        try {
            ChannelAddress parsed = ChannelAddress.parse(text);
            if (parsed instanceof ChannelAddress.Unix unix) {
                return ChannelAddress.unix(dir.resolve(unix.socket()));
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("array.channel", e.getMessage(), "e.g. tcp:127.0.0.1:7400");
        }
    }

    private static LibraryConfig library(Map<String, String> v, Path dir) throws ConfigException {
        String file = v.get("library.config").strip();
        if (!file.isEmpty()) {
            for (String key : LIBRARY_KEYS) {
                if (v.containsKey(key)) {
                    throw new ConfigException(key, "is given here and library.config names " + file + " too",
                            "set the library in one place: move " + key + " into " + file + ", or empty library.config");
                }
            }
            try {
                return LibraryConfig.read(dir.resolve(file));
            } catch (LibraryConfigException e) {
                throw new ConfigException("library.config", dir.resolve(file) + ": " + e.getMessage(),
                        "fix that file, or empty library.config and set the library here");
            }
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : v.entrySet()) {
            if (LIBRARY_KEYS.contains(e.getKey()) || e.getKey().equals("library.folder")) {
                text.append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
            }
        }
        try {
            return LibraryConfig.parse(text.toString(), dir);
        } catch (LibraryConfigException e) {
            throw ConfigException.worded(e.key(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("library", e.getMessage(), "check library.slots, cartridges.count, drive.block-size,"
                    + " cartridges.capacity and cartridges.early-warning together");
        }
    }

    private static CatalogLocation catalog(Map<String, String> v, Path dir) throws ConfigException {
        String url = v.get("catalog.url").strip();
        if (url.isEmpty()) {
            String catalogDir = required(v, "catalog.dir", "name the embedded catalog's folder (e.g. catalog), or set catalog.url");
            return new CatalogLocation.Embedded(dir.resolve(catalogDir), port(v, "catalog.server-port"));
        }
        if (!url.startsWith("jdbc:")) {
            throw new ConfigException("catalog.url", "'" + url + "' is not a JDBC URL",
                    "write e.g. jdbc:postgresql://db1:5432/lanfree, or leave it empty for the embedded catalog");
        }
        String user = required(v, "catalog.user", "name the database user the media server logs in as");
        String passwordFile = v.get("catalog.password-file").strip();
        String password = "";
        if (!passwordFile.isEmpty()) {
            Path p = dir.resolve(passwordFile);
            try {
                password = Files.readString(p).strip();
            } catch (IOException e) {
                throw new ConfigException("catalog.password-file", "file " + p + " cannot be read (" + e + ")",
                        "write the database password into it (mode 0600), or leave the key empty for no password");
            }
        }
        return new CatalogLocation.Jdbc(url, user, password);
    }
}
