package org.lanfree.db.pg.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.stp.ChannelAddress;

/**
 * {@code db-agent.conf}: key = value lines. Relative paths are relative to the file's directory.
 * The clusters live in their own file (one postgresql:// URL a line) so that
 * {@code db-agent add} can append one while the agent runs.
 *
 * @param clientName  the agent's client name at the media server (agents.clients)
 * @param mediaHost   the media server's host; {@code mediaPort} its agents.port
 * @param maxRateKb   BASE_BACKUP's MAX_RATE in kB/s, 0 for none
 * @param readyFile   written with the agent's pid once it is attached and watching
 */
public record DbAgentConfig(Path file, String clientName, String mediaHost, int mediaPort, SharedSecret mediaSecret,
                            ChannelAddress arrayChannel, SharedSecret arraySecret, Path clustersFile,
                            int maxRateKb, Path readyFile) {

    public static final Set<String> KEYS = Set.of("agent.client", "media.host", "media.port", "media.secret-file",
            "array.channel", "array.secret-file", "clusters-file", "backup.max-rate", "ready-file");

    /** Reads and checks {@code file}; an {@link IllegalArgumentException} names the file, key and fix. */
    public static DbAgentConfig read(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Map<String, String> v = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw bad(file, "--config", "cannot be read (" + e + ")", "give the db-agent's configuration;"
                    + " 'lanfree up' writes one as db-agent.conf in the home");
        }
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int eq = t.indexOf('=');
            String key = eq > 0 ? t.substring(0, eq).strip() : t;
            if (eq <= 0 || !KEYS.contains(key)) {
                throw bad(file, key, "is not a setting of the db-agent", "settings are " + KEYS);
            }
            v.put(key, t.substring(eq + 1).strip());
        }
        for (String key : List.of("media.port", "media.secret-file", "array.channel")) {
            if (v.getOrDefault(key, "").isEmpty()) {
                throw bad(file, key, "is missing", "'lanfree up' writes a complete db-agent.conf");
            }
        }
        int port = number(file, "media.port", v.get("media.port"));
        int rate = number(file, "backup.max-rate", v.getOrDefault("backup.max-rate", "0"));
        if (rate != 0 && (rate < 32 || rate > 1048576)) {
            throw bad(file, "backup.max-rate", rate + " is outside 32..1048576 kB/s", "write 0 for no limit");
        }
        ChannelAddress channel;
        try {
            ChannelAddress parsed = ChannelAddress.parse(v.get("array.channel"));
            channel = parsed instanceof ChannelAddress.Unix u ? ChannelAddress.unix(dir.resolve(u.socket())) : parsed;
        } catch (IllegalArgumentException e) {
            throw bad(file, "array.channel", e.getMessage(), "write unix:PATH or tcp:HOST:PORT");
        }
        String arraySecret = v.getOrDefault("array.secret-file", "");
        return new DbAgentConfig(file.toAbsolutePath(), v.getOrDefault("agent.client", "local"),
                v.getOrDefault("media.host", "127.0.0.1"), port, secret(file, "media.secret-file",
                dir.resolve(v.get("media.secret-file"))), channel,
                arraySecret.isEmpty() ? null : secret(file, "array.secret-file", dir.resolve(arraySecret)),
                dir.resolve(v.getOrDefault("clusters-file", "db-agent.clusters")), rate,
                dir.resolve(v.getOrDefault("ready-file", "run/db-agent.ready")));
    }

    /** The clusters file's URLs, in order, without duplicates; none when the file is absent. */
    public List<PgUrl> clusters() {
        List<PgUrl> out = new ArrayList<>();
        try {
            if (!Files.exists(clustersFile)) {
                return out;
            }
            for (String line : Files.readAllLines(clustersFile)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#") && out.stream().noneMatch(u -> u.text().equals(t))) {
                    out.add(PgUrl.parse(t));
                }
            }
        } catch (IOException e) {
            throw bad(clustersFile, "clusters-file", "cannot be read (" + e + ")", "check its permissions");
        }
        return out;
    }

    private static int number(Path file, String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad(file, key, "'" + text + "' is not a number", "write a whole number");
        }
    }

    private static SharedSecret secret(Path file, String key, Path secret) {
        try {
            byte[] bytes = Files.readAllBytes(secret);
            if (bytes.length >= SharedSecret.MIN_BYTES) {
                return SharedSecret.of(bytes);
            }
        } catch (IOException e) {
            throw bad(file, key, "file " + secret + " cannot be read (" + e + ")", "'lanfree up' writes it");
        }
        throw bad(file, key, "file " + secret + " holds fewer than " + SharedSecret.MIN_BYTES + " bytes",
                "use the media server's agents secret");
    }

    private static IllegalArgumentException bad(Path file, String key, String what, String fix) {
        return new IllegalArgumentException(file + ": " + key + " " + what + "; " + fix);
    }
}
