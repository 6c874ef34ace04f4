package org.lanfree.cli.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.lanfree.cli.Cli;

/** What the H2 end-to-end tests do to databases: install the plugin, fill them, compare them. */
final class H2Databases {

    private H2Databases() {
    }

    /** Runs install.sql and points the database at the deployment in {@code home}. */
    static void install(Connection c, Path home) throws Exception {
        Path conf = writeConfig(home);
        execute(c, "RUNSCRIPT FROM 'classpath:/org/lanfree/h2plugin/install.sql'");
        assertEquals(List.of(conf.toString()), rows(c, "CALL LANFREE_CONFIGURE('" + conf + "')"));
    }

    /** The deployment's h2-plugin.conf, as {@code lanfree h2-plugin config} prints it. */
    static Path writeConfig(Path home) throws Exception {
        Cli.Result config = Cli.run("h2-plugin", "config", "--home", home.toString());
        assertEquals(0, config.exitCode(), config.toString());
        return Files.writeString(home.resolve("h2-plugin.conf"), config.out());
    }

    /** Rows 1..max of NUMBERS without a gap, and {@code max}. */
    static long gapFreePrefix(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(MIN(N), 1), COALESCE(MAX(N), 0) FROM NUMBERS")) {
            rs.next();
            assertEquals(1, rs.getLong(2), "the rows start at 1");
            assertEquals(rs.getLong(1), rs.getLong(3), "no gaps: " + rs.getLong(1) + " rows up to " + rs.getLong(3));
            return rs.getLong(3);
        }
    }

    /** Adds about {@code mib} MiB of incompressible rows in table FILLER. */
    static void fill(Connection c, int mib) throws SQLException {
        execute(c, "CREATE TABLE IF NOT EXISTS FILLER(ID INT PRIMARY KEY, DATA VARBINARY(1048576))");
        byte[] data = new byte[1 << 20];
        Random random = new Random(mib);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO FILLER VALUES (?, ?)")) {
            for (int i = 0; i < mib; i++) {
                random.nextBytes(data);
                p.setInt(1, i);
                p.setBytes(2, data);
                p.executeUpdate();
            }
        }
    }

    /** The whole database as SQL (H2's SCRIPT): equal scripts mean equal databases. */
    static List<String> script(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", "sa", "")) {
            return rows(c, "SCRIPT NOSETTINGS");
        }
    }

    /** Equal scripts, or a failure showing the first line that differs (scripts of LOBs are huge). */
    static void assertSameScript(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                throw new AssertionError("the restored database differs at line " + (i + 1) + " of its script:\n  "
                        + abbreviate(expected.get(i)) + "\nrestored:\n  " + abbreviate(actual.get(i)));
            }
        }
        assertEquals(expected.size(), actual.size(), "lines in the scripts of the source and the restored database");
    }

    private static String abbreviate(String line) {
        return line.length() <= 300 ? line : line.substring(0, 300) + "... (" + line.length() + " characters)";
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), "expected '" + expected + "' in: " + text);
    }
}
