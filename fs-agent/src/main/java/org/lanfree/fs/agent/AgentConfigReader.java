package org.lanfree.fs.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.stp.ChannelAddress;

/** Reads {@code fs-agent.conf}: {@code key = value} lines, {@code #} comments, the documented defaults underneath. */
public final class AgentConfigReader {

    public static final String RESOURCE = "fs-agent.conf";
    private static final Set<String> KEYS = Set.of("agent.client", "agent.host", "agent.port", "agent.secret-file",
            "array.channel", "array.secret-file");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private AgentConfigReader() {
    }

    /** The documented default configuration. */
    public static String defaultText() {
        try (InputStream in = AgentConfigReader.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the default configuration with the given keys' values replaced. */
    public static void writeDefault(Path file, Map<String, String> overrides) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : defaultText().split("\n", -1)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0 && overrides.containsKey(line.substring(0, eq).strip())) {
                String key = line.substring(0, eq).strip();
                line = key + " = " + overrides.get(key);
            }
            out.append(line).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString().stripTrailing() + "\n");
    }

    public static AgentConfig read(Path file) throws AgentConfigException {
        Path dir = file.toAbsolutePath().getParent();
        Map<String, String> v = new LinkedHashMap<>(parse(List.of(defaultText().split("\n")), RESOURCE));
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new AgentConfigException("--config", "file " + file.toAbsolutePath() + " does not exist",
                    "give the path of an fs-agent configuration; 'lanfree up' writes one");
        } catch (IOException e) {
            throw new AgentConfigException("--config", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage(),
                    "check the file's permissions");
        }
        v.putAll(parse(lines, file.getFileName().toString()));
        String client = v.get("agent.client").strip();
        if (!NAME.matcher(client).matches()) {
            throw new AgentConfigException("agent.client", "'" + client + "' is not a valid client name",
                    "use 1-64 letters, digits, '.', '_' or '-', as registered with 'lanfree client add'");
        }
        String host = v.get("agent.host").strip();
        if (host.isEmpty()) {
            throw new AgentConfigException("agent.host", "is empty", "write the address to listen on, e.g. 127.0.0.1");
        }
        int port = port(v.get("agent.port").strip());
        SharedSecret secret = secret("agent.secret-file", v.get("agent.secret-file").strip(), dir);
        ChannelAddress channel = channel(v.get("array.channel").strip(), dir);
        String arraySecretFile = v.get("array.secret-file").strip();
        SharedSecret arraySecret = arraySecretFile.isEmpty() ? null : secret("array.secret-file", arraySecretFile, dir);
        return new AgentConfig(file.toAbsolutePath(), client, host, port, secret, channel, arraySecret);
    }

    private static Map<String, String> parse(List<String> lines, String source) throws AgentConfigException {
        Map<String, String> out = new LinkedHashMap<>();
        int n = 0;
        for (String line : lines) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new AgentConfigException(source + " line " + n, "'" + t + "' is not key = value",
                        "write one setting per line as key = value");
            }
            String key = t.substring(0, eq).strip();
            if (!KEYS.contains(key)) {
                throw new AgentConfigException(key, "is not a setting of the fs-agent", "settings are " + KEYS);
            }
            if (out.put(key, t.substring(eq + 1).strip()) != null) {
                throw new AgentConfigException(key, "is given twice (again on " + source + " line " + n + ")",
                        "keep one of the lines");
            }
        }
        return out;
    }

    private static int port(String text) throws AgentConfigException {
        try {
            int p = Integer.parseInt(text);
            if (p >= 1 && p <= 65534) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AgentConfigException("agent.port", "'" + text + "' is not a port of 1-65534",
                "the agent listens on this port and the next one; write e.g. 7420");
    }

    private static ChannelAddress channel(String text, Path dir) throws AgentConfigException {
        if (!text.startsWith("unix:") && !text.startsWith("tcp:")) {
            throw new AgentConfigException("array.channel", "'" + text + "' names no channel kind",
                    "write unix:PATH (e.g. unix:run/array.sock) or tcp:HOST:PORT");
        }
        try {
            ChannelAddress parsed = ChannelAddress.parse(text);
            return parsed instanceof ChannelAddress.Unix unix ? ChannelAddress.unix(dir.resolve(unix.socket())) : parsed;
        } catch (IllegalArgumentException e) {
            throw new AgentConfigException("array.channel", e.getMessage(), "e.g. tcp:127.0.0.1:7400");
        }
    }

    private static SharedSecret secret(String key, String value, Path dir) throws AgentConfigException {
        String fix = "create it with: head -c 32 /dev/urandom > FILE; chmod 600 FILE ('lanfree up' writes one)";
        if (value.isEmpty()) {
            throw new AgentConfigException(key, "is empty", fix);
        }
        Path file = dir.resolve(value);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AgentConfigException(key, "file " + file + " cannot be read (" + e + ")", fix);
        }
        if (bytes.length < SharedSecret.MIN_BYTES) {
            throw new AgentConfigException(key, "file " + file + " holds " + bytes.length + " bytes, a secret needs at"
                    + " least " + SharedSecret.MIN_BYTES, fix);
        }
        return SharedSecret.of(bytes);
    }
}
