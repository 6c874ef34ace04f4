package org.lanfree.media.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lanfree.media.catalog.CatalogException;
import org.lanfree.media.catalog.Compression;
import org.lanfree.media.catalog.PolicySpec;

/**
 * Reads the file-tree policies of {@code media-server.conf}: every key {@code policy.NAME.FIELD}
 * belongs to policy NAME, which backs up {@code paths} of each of its {@code clients} on its own
 * schedule ({@code every}, {@code full-every}), into {@code pool}, keeping {@code retention-days}.
 */
final class PolicyConfigReader {

    static final Pattern KEY = Pattern.compile("policy\\.([A-Za-z0-9][A-Za-z0-9_-]{0,63})\\.(clients|paths|pool"
            + "|retention-days|every|full-every|excludes|one-file-system|compression)");
    private static final Pattern SPLIT = Pattern.compile("\\s*,\\s*");
    private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd])");

    private PolicyConfigReader() {
    }

    static boolean isPolicyKey(String key) {
        return KEY.matcher(key).matches();
    }

    /** The policies the keys define, in the order their first key appears. */
    static List<ServerConfig.TreePolicy> read(Map<String, String> v, String defaultPool) throws ConfigException {
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : v.entrySet()) {
            Matcher m = KEY.matcher(e.getKey());
            if (m.matches()) {
                byName.computeIfAbsent(m.group(1), n -> new LinkedHashMap<>()).put(m.group(2), e.getValue().strip());
            }
        }
        List<ServerConfig.TreePolicy> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : byName.entrySet()) {
            out.add(policy(e.getKey(), e.getValue(), defaultPool));
        }
        return List.copyOf(out);
    }

    private static ServerConfig.TreePolicy policy(String name, Map<String, String> f, String defaultPool)
            throws ConfigException {
        String prefix = "policy." + name + ".";
        List<String> clients = list(f.get("clients"));
        for (String c : clients) {
            if (!CLIENT.matcher(c).matches()) {
                throw new ConfigException(prefix + "clients", "'" + c + "' is not a valid client name",
                        "use 1-64 letters, digits, '.', '_' or '-' per name, separated by commas");
            }
        }
        List<String> paths = list(f.get("paths"));
        for (String p : paths) {
            if (!p.startsWith("/")) {
                throw new ConfigException(prefix + "paths", "'" + p + "' is not an absolute path",
                        "write the folders to back up on each client, e.g. /srv, /home");
            }
        }
        if (clients.isEmpty() || paths.isEmpty()) {
            throw new ConfigException(prefix + (clients.isEmpty() ? "clients" : "paths"), "is missing or empty",
                    "a policy names its clients and the folders to back up on each");
        }
        Compression compression;
        try {
            compression = Compression.valueOf(f.getOrDefault("compression", "none").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix + "compression", "'" + f.get("compression") + "' is not a compression",
                    "write none, zstd or lz4");
        }
        boolean oneFs = bool(prefix + "one-file-system", f.getOrDefault("one-file-system", "false"));
        try {
            PolicySpec spec = new PolicySpec(name, f.getOrDefault("pool", defaultPool),
                    retention(prefix + "retention-days", f.getOrDefault("retention-days", "30")), compression,
                    duration(prefix + "every", f.get("every")), duration(prefix + "full-every", f.get("full-every")),
                    list(f.get("excludes")), oneFs, null);
            return new ServerConfig.TreePolicy(spec, clients, paths);
        } catch (CatalogException e) {
            throw new ConfigException(prefix.substring(0, prefix.length() - 1), e.getMessage(),
                    "fix the policy's settings");
        }
    }

    private static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(SPLIT.split(text.strip()));
    }

    private static int retention(String key, String text) throws ConfigException {
        try {
            int days = Integer.parseInt(text);
            if (days >= 0) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(key, "'" + text + "' is not a number of days", "write e.g. 30");
    }

    /** A duration with s, m, h or d; null when not given (never due). */
    private static Duration duration(String key, String text) throws ConfigException {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new ConfigException(key, "'" + text + "' is not a positive duration",
                    "write a number with s, m, h or d, e.g. 1d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static boolean bool(String key, String text) throws ConfigException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new ConfigException(key, "'" + text + "' is not true or false", "write true or false");
        };
    }
}
