package org.lanfree.cli.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.cli.Cli;
import org.lanfree.media.server.CatalogLocation;
import org.lanfree.media.server.ServerConfig;
import org.lanfree.media.server.ServerConfigReader;
import org.lanfree.testkit.TempHome;

/** A deployment brought up with {@code lanfree up} in a temp home: array and media server as real processes. */
public final class TestDeployment implements AutoCloseable {

    private final TempHome home;

    private TestDeployment(TempHome home) {
        this.home = home;
    }

    public static TestDeployment up(String prefix) {
        TempHome home = TempHome.create(prefix);
        TestDeployment deployment = new TestDeployment(home);
        Cli.Result up = Cli.run("up", "--home", home.toString());
        if (up.exitCode() != 0) {
            deployment.close();
            throw new AssertionError("up failed: " + up);
        }
        return deployment;
    }

    /**
     * A deployment whose media server runs with {@code settings} added to its default configuration
     * (e.g. small cartridges): brought up once to write the defaults, then down, the settings
     * written in and the library and catalog started afresh, then up again.
     */
    public static TestDeployment up(String prefix, java.util.Map<String, String> settings) throws Exception {
        TestDeployment deployment = up(prefix);
        try {
            Cli.Result down = Cli.run("down", "--home", deployment.home(), "--timeout", "10");
            if (down.exitCode() != 0) {
                throw new AssertionError("down failed: " + down);
            }
            Path conf = deployment.file(MediaServerDaemon.CONFIG_FILE);
            java.util.Map<String, String> pending = new java.util.LinkedHashMap<>(settings);
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(conf)) {
                int eq = line.indexOf('=');
                String key = eq > 0 && !line.startsWith("#") ? line.substring(0, eq).strip() : null;
                lines.add(key != null && pending.containsKey(key) ? key + " = " + pending.remove(key) : line);
            }
            pending.forEach((k, v) -> lines.add(k + " = " + v));
            Files.write(conf, lines);
            for (String dir : List.of("vtl", "catalog")) {
                try (var files = Files.walk(deployment.file(dir))) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Cli.Result up = deployment.run("up");
            if (up.exitCode() != 0) {
                throw new AssertionError("up with " + settings + " failed: " + up);
            }
            return deployment;
        } catch (Exception | AssertionError e) {
            deployment.close();
            throw e;
        }
    }

    public String home() {
        return home.toString();
    }

    public Path file(String relative) {
        return home.resolve(relative);
    }

    /** Runs {@code lanfree ARGS --home HOME}. */
    public Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--home");
        all.add(home.toString());
        return Cli.run(all.toArray(String[]::new));
    }

    public ServerConfig config() throws Exception {
        return ServerConfigReader.read(home.resolve(MediaServerDaemon.CONFIG_FILE));
    }

    /** A connection to the catalog server as the read-only reader, as any SQL tool would open it. */
    public Connection reader() throws Exception {
        CatalogLocation.Embedded catalog = (CatalogLocation.Embedded) config().catalog();
        return DriverManager.getConnection("jdbc:h2:tcp://localhost:" + catalog.serverPort() + "/catalog", "reader",
                Files.readString(catalog.dir().resolve("reader.password")).strip());
    }

    /** The first column of every row of {@code sql}, as the reader sees it. */
    public List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = reader(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    public String log(String daemon) {
        try {
            return Files.readString(home.resolve("logs/" + daemon + ".log"));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        Cli.run("down", "--home", home.toString(), "--timeout", "10");
        try {
            Files.deleteIfExists(ArrayConfigReader.read(home.resolve("array.conf")).cacheFile());
        } catch (Exception e) {
            // No array configuration: no cache was created.
        }
        home.close();
    }
}
