package org.lanfree.array.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and validates an array configuration; writes the documented default file. */
public final class ArrayConfigReader {

    private static final String TEMPLATE = "/org/lanfree/array/config/array.conf";
    private static final Pattern DEVICE_KEY = Pattern.compile("device\\.(\\d+)\\.(file|tracks)");
    private static final Pattern GROUP_KEY = Pattern.compile("stg\\.(\\d+)\\.(devices|ports|ring|max-ring)");
    private static final Set<String> PLAIN_KEYS = Set.of("channel.unix", "channel.tcp", "channel.secret-file", "channel.attach-timeout", "cache.file",
            "cache.track-size", "cache.slots", "cache.prefault", "directors.channel",
            "directors.channel.queue", "directors.channel.service-time-us", "directors.disk",
            "devices.dir", "devices.count", "devices.tracks");

    private ArrayConfigReader() {
    }

    /** The documented default configuration, as text. */
    public static String defaultText() {
        try (InputStream in = ArrayConfigReader.class.getResourceAsStream(TEMPLATE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the default configuration to {@code file}, replacing the values of the keys given
     * (keys absent from the template are appended).
     */
    public static void writeDefault(Path file, Map<String, String> overrides) throws IOException {
        Map<String, String> pending = new LinkedHashMap<>(overrides);
        StringBuilder out = new StringBuilder();
        for (String line : defaultText().split("\n", -1)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                String key = line.substring(0, eq).strip();
                if (pending.containsKey(key)) {
                    line = key + " = " + pending.remove(key);
                }
            }
            out.append(line).append('\n');
        }
        pending.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString().stripTrailing() + "\n");
    }

    public static ArrayConfig read(Path file) throws ConfigException {
        Path dir = file.toAbsolutePath().getParent();
        Map<String, String> given = KeyValueFile.read(file);
        Map<String, String> values = new LinkedHashMap<>(KeyValueFile.parse(defaultText(), "defaults"));
        checkKeys(given);
        values.putAll(given);
        return build(values, given, dir);
    }

    private static void checkKeys(Map<String, String> given) throws ConfigException {
        for (String key : given.keySet()) {
            if (!PLAIN_KEYS.contains(key) && !DEVICE_KEY.matcher(key).matches()
                    && !GROUP_KEY.matcher(key).matches()) {
                throw new ConfigException(key, "is not a setting of the array",
                        "remove it or fix its spelling; settings are " + new TreeSet<>(PLAIN_KEYS)
                                + ", device.N.file, device.N.tracks, stg.ID.devices, stg.ID.ports, stg.ID.ring, stg.ID.max-ring");
            }
        }
    }

    private static ArrayConfig build(Map<String, String> v, Map<String, String> given, Path dir)
            throws ConfigException {
        Path unix = dir.resolve(v.get("channel.unix"));
        if (unix.toString().getBytes(StandardCharsets.UTF_8).length > 100) {
            throw new ConfigException("channel.unix", "path " + unix + " is longer than a Unix socket path may be (100 bytes)",
                    "choose a shorter path, e.g. under /tmp");
        }
        String tcp = v.get("channel.tcp").isBlank() ? null : checkHostPort("channel.tcp", v.get("channel.tcp"));
        Path secretFile = v.getOrDefault("channel.secret-file", "").isBlank() ? null
                : dir.resolve(v.get("channel.secret-file"));
        if (secretFile != null) {
            checkSecret(secretFile);
        }
        long trackSize = Sizes.parse("cache.track-size", v.get("cache.track-size"));
        if (trackSize < 4096 || trackSize > (64L << 20) || Long.bitCount(trackSize) != 1) {
            throw new ConfigException("cache.track-size", Sizes.format(trackSize) + " is not a power of two between 4K and 64M",
                    "use e.g. 64K, 256K or 1M");
        }
        int slots = positiveInt(v, "cache.slots");
        Path cacheFile = v.get("cache.file").isBlank() ? defaultCacheFile(dir) : dir.resolve(v.get("cache.file"));
        checkParentExists("cache.file", cacheFile);
        boolean prefault = bool(v, "cache.prefault");
        int channelDirectors = positiveInt(v, "directors.channel");
        int queue = positiveInt(v, "directors.channel.queue");
        int serviceTime = nonNegativeInt(v, "directors.channel.service-time-us");
        int diskDirectors = positiveInt(v, "directors.disk");

        List<ArrayConfig.DeviceConfig> devices = devices(v, given, dir);
        List<ArrayConfig.StgGroupConfig> groups = groups(given, devices.size());
        for (ArrayConfig.StgGroupConfig g : groups) {
            if (slots < g.defaultRingTracks() || slots < g.maxRingTracks()) {
                throw new ConfigException("cache.slots", slots + " slots cannot hold one ring of STG group " + g.id()
                        + " (ring " + g.defaultRingTracks() + ", max-ring " + g.maxRingTracks() + " tracks)",
                        "raise cache.slots to at least " + Math.max(g.defaultRingTracks(), g.maxRingTracks())
                                + " or shorten stg." + g.id() + ".ring / max-ring");
            }
        }
        return new ArrayConfig(unix, tcp, secretFile, positiveInt(v, "channel.attach-timeout"), cacheFile, (int) trackSize, slots, prefault, channelDirectors, queue,
                serviceTime, diskDirectors, devices, groups);
    }

    private static List<ArrayConfig.DeviceConfig> devices(Map<String, String> v, Map<String, String> given, Path dir)
            throws ConfigException {
        int count = positiveInt(v, "devices.count");
        int tracks = positiveInt(v, "devices.tracks");
        Path devDir = dir.resolve(v.get("devices.dir"));
        for (String key : given.keySet()) {
            Matcher m = DEVICE_KEY.matcher(key);
            if (m.matches() && Integer.parseInt(m.group(1)) >= count) {
                throw new ConfigException(key, "names device " + m.group(1) + " but devices.count is " + count
                        + " (devices 0-" + (count - 1) + ")", "raise devices.count or remove " + key);
            }
        }
        List<ArrayConfig.DeviceConfig> devices = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String fileKey = "device." + n + ".file";
            Path file = given.containsKey(fileKey) ? dir.resolve(given.get(fileKey))
                    : devDir.resolve(String.format("dev-%02d.img", n));
            if (given.containsKey(fileKey)) {
                checkParentExists(fileKey, file);
            }
            String tracksKey = "device." + n + ".tracks";
            int t = given.containsKey(tracksKey) ? positiveInt(given, tracksKey) : tracks;
            devices.add(new ArrayConfig.DeviceConfig(n, file, t));
        }
        return devices;
    }

    private static List<ArrayConfig.StgGroupConfig> groups(Map<String, String> given, int deviceCount)
            throws ConfigException {
        Map<Integer, Map<String, String>> byGroup = new TreeMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            Matcher m = GROUP_KEY.matcher(e.getKey());
            if (m.matches()) {
                byGroup.computeIfAbsent(Integer.parseInt(m.group(1)), id -> new LinkedHashMap<>())
                        .put(m.group(2), e.getValue());
            }
        }
        if (byGroup.isEmpty()) {
            byGroup = defaultGroups();
        }
        List<ArrayConfig.StgGroupConfig> groups = new ArrayList<>();
        Map<Integer, Integer> deviceOwner = new TreeMap<>();
        for (Map.Entry<Integer, Map<String, String>> e : byGroup.entrySet()) {
            int id = e.getKey();
            Map<String, String> g = e.getValue();
            String p = "stg." + id + ".";
            for (String required : List.of("devices", "ports")) {
                if (!g.containsKey(required)) {
                    throw new ConfigException(p + required, "is missing for STG group " + id,
                            "add " + p + required + " (e.g. " + p + required + " = " + ("devices".equals(required) ? "0-3" : "9000-9255") + ")");
                }
            }
            List<Integer> devices = intList(p + "devices", g.get("devices"));
            for (int d : devices) {
                if (d >= deviceCount) {
                    throw new ConfigException(p + "devices", "device " + d + " is not configured (devices 0-" + (deviceCount - 1) + ")",
                            "list only configured devices or raise devices.count");
                }
                Integer owner = deviceOwner.put(d, id);
                if (owner != null) {
                    throw new ConfigException(p + "devices", "device " + d + " is already in STG group " + owner,
                            "give each device to one group only");
                }
            }
            int[] ports = range(p + "ports", g.get("ports"));
            if (ports[0] < 1 || ports[1] > 65535) {
                throw new ConfigException(p + "ports", "range " + ports[0] + "-" + ports[1] + " lies outside the STP port space 1-65535",
                        "choose a range inside 1-65535");
            }
            for (ArrayConfig.StgGroupConfig other : groups) {
                if (ports[0] <= other.lastPort() && other.firstPort() <= ports[1]) {
                    throw new ConfigException(p + "ports", "range " + ports[0] + "-" + ports[1] + " overlaps STG group "
                            + other.id() + " (" + other.firstPort() + "-" + other.lastPort() + ")",
                            "give each group its own port range");
                }
            }
            int ring = g.containsKey("ring") ? positiveInt(g, "ring", p + "ring") : 16;
            int maxRing = g.containsKey("max-ring") ? positiveInt(g, "max-ring", p + "max-ring") : Math.max(ring, 64);
            if (maxRing < ring) {
                throw new ConfigException(p + "max-ring", maxRing + " is shorter than " + p + "ring (" + ring + ")",
                        "make max-ring at least ring");
            }
            groups.add(new ArrayConfig.StgGroupConfig(id, List.copyOf(devices), ports[0], ports[1], ring, maxRing));
        }
        return List.copyOf(groups);
    }

    private static Map<Integer, Map<String, String>> defaultGroups() {
        Map<Integer, Map<String, String>> byGroup = new TreeMap<>();
        for (Map.Entry<String, String> e : KeyValueFile.parse(defaultText(), "defaults").entrySet()) {
            Matcher m = GROUP_KEY.matcher(e.getKey());
            if (m.matches()) {
                byGroup.computeIfAbsent(Integer.parseInt(m.group(1)), id -> new LinkedHashMap<>())
                        .put(m.group(2), e.getValue());
            }
        }
        return byGroup;
    }

    private static void checkSecret(Path file) throws ConfigException {
        String fix = "create it (e.g. head -c 32 /dev/urandom > FILE; chmod 600 FILE) or leave the key empty";
        try {
            long size = Files.size(file);
            if (size < 16) {
                throw new ConfigException("channel.secret-file", "file " + file + " holds " + size
                        + " bytes, a channel secret needs at least 16", fix);
            }
        } catch (IOException e) {
            throw new ConfigException("channel.secret-file", "file " + file + " cannot be read (" + e.getMessage() + ")", fix);
        }
    }

    static Path defaultCacheFile(Path dir) {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm.resolve("lanfree-" + shortHash(dir.toString()) + ".cache");
        }
        return dir.resolve("run").resolve("cache.mem");
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkParentExists(String field, Path file) throws ConfigException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new ConfigException(field, "folder " + parent + " of " + file + " does not exist",
                    "create the folder or point " + field + " at an existing one");
        }
    }

    private static String checkHostPort(String field, String text) throws ConfigException {
        int colon = text.lastIndexOf(':');
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (colon <= 0 || port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return text;
        } catch (NumberFormatException e) {
            throw new ConfigException(field, "'" + text + "' is not host:port", "write e.g. 127.0.0.1:7400, or leave it empty");
        }
    }

    private static int positiveInt(Map<String, String> v, String key) throws ConfigException {
        return positiveInt(v, key, key);
    }

    private static int positiveInt(Map<String, String> v, String key, String field) throws ConfigException {
        int n = nonNegativeInt(v.get(key), field);
        if (n == 0) {
            throw new ConfigException(field, "must be at least 1, not 0", "set a positive number");
        }
        return n;
    }

    private static int nonNegativeInt(Map<String, String> v, String key) throws ConfigException {
        return nonNegativeInt(v.get(key), key);
    }

    private static int nonNegativeInt(String text, String field) throws ConfigException {
        try {
            int n = Integer.parseInt(text.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(field, "'" + text + "' is not a whole number", "write a number such as 4");
        }
    }

    private static boolean bool(Map<String, String> v, String key) throws ConfigException {
        String t = v.get(key).strip();
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new ConfigException(key, "'" + t + "' is not true or false", "write true or false");
    }

    private static int[] range(String field, String text) throws ConfigException {
        String[] parts = text.strip().split("\\s*-\\s*");
        try {
            int lo = Integer.parseInt(parts[0]);
            int hi = parts.length == 2 ? Integer.parseInt(parts[1]) : lo;
            if (parts.length > 2 || hi < lo) {
                throw new NumberFormatException();
            }
            return new int[] {lo, hi};
        } catch (NumberFormatException e) {
            throw new ConfigException(field, "'" + text + "' is not a range", "write LOW-HIGH, e.g. 9000-9255");
        }
    }

    private static List<Integer> intList(String field, String text) throws ConfigException {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",")) {
            int[] r = range(field, part);
            for (int i = r[0]; i <= r[1]; i++) {
                if (out.contains(i)) {
                    throw new ConfigException(field, "device " + i + " is listed twice", "list each device once");
                }
                out.add(i);
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(field, "lists no device", "list at least one device, e.g. 0-3");
        }
        return out;
    }
}
