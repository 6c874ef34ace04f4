package org.lanfree.h2plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The functions of install.sql in a real embedded H2, up to where a media server would be needed. */
class SqlFunctionsTest {

    @TempDir
    Path dir;
    private Connection conn;

    @BeforeEach
    void install() throws Exception {
        conn = DriverManager.getConnection("jdbc:h2:" + dir.resolve("app"), "sa", "");
        try (Statement s = conn.createStatement()) {
            s.execute("RUNSCRIPT FROM 'classpath:/org/lanfree/h2plugin/install.sql'");
            s.execute("RUNSCRIPT FROM 'classpath:/org/lanfree/h2plugin/install.sql'"); // a second run is harmless
            s.execute("CREATE TABLE T(ID INT PRIMARY KEY)");
        }
    }

    @AfterEach
    void close() throws Exception {
        conn.close();
    }

    @Test
    void withoutAConfigurationTheBackupSaysWhatToSetAndTheJobIsRecordedFailed() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> call("CALL LANFREE_BACKUP('full')"));
        assertEquals(PluginErrors.CONFIG, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("no configuration"), e.getMessage());
        assertTrue(e.getMessage().contains("LANFREE_CONFIGURE") && e.getMessage().contains("-Dlanfree.h2.config"),
                e.getMessage());
        assertEquals(List.of("full|failed"), rows("SELECT LEVEL || '|' || STATE FROM LANFREE_JOBS()"));
        assertUsable();
    }

    @Test
    void configureRefusesAWrongFileAndKeepsNothing() throws Exception {
        Files.writeString(dir.resolve("bad.conf"), "media-server = nowhere\n");
        SQLException e = assertThrows(SQLException.class,
                () -> call("CALL LANFREE_CONFIGURE('" + dir.resolve("bad.conf") + "')"));
        assertTrue(e.getMessage().contains("media-server = 'nowhere' is not HOST:PORT"), e.getMessage());
        assertEquals(List.of(), rows("SELECT VAL FROM LANFREE.SETTINGS"));
    }

    @Test
    void anUnreachableArrayFailsTheCallInSecondsAndTheDatabaseGoesOn() throws Exception {
        Path conf = config("unix:" + dir.resolve("no-array.sock"));
        assertEquals(List.of(conf.toString()), rows("CALL LANFREE_CONFIGURE('" + conf + "')"));
        long t0 = System.nanoTime();
        SQLException e = assertThrows(SQLException.class, () -> call("CALL LANFREE_BACKUP('full')"));
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "failed within seconds");
        assertEquals(PluginErrors.BACKUP, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("cannot attach to the array at unix:" + dir.resolve("no-array.sock")),
                e.getMessage());
        assertEquals(List.of("failed"), rows("SELECT STATE FROM LANFREE.JOBS"));
        assertTrue(rows("SELECT ERROR FROM LANFREE.JOBS").get(0).contains("cannot attach"));
        assertUsable();
    }

    @Test
    void theSystemPropertyNamesTheConfigurationWhenTheDatabaseHasNone() throws Exception {
        Path conf = config("unix:" + dir.resolve("elsewhere.sock"));
        System.setProperty(ConfigLocation.PROPERTY, conf.toString());
        try {
            SQLException e = assertThrows(SQLException.class, () -> call("CALL LANFREE_BACKUP('full')"));
            assertTrue(e.getMessage().contains("elsewhere.sock"), e.getMessage());
        } finally {
            System.clearProperty(ConfigLocation.PROPERTY);
        }
    }

    @Test
    void onlyFullBackupsAreOffered() {
        SQLException e = assertThrows(SQLException.class, () -> call("CALL LANFREE_BACKUP('incremental')"));
        assertTrue(e.getMessage().contains("level 'incremental' is not supported"), e.getMessage());
    }

    @Test
    void theJobsTableFunctionListsColumnsWhenPlannedAndRowsWhenRun() throws Exception {
        try (Statement s = conn.createStatement()) {
            s.execute("INSERT INTO LANFREE.JOBS (LEVEL, STATE, STARTED, DATABASE_BYTES, BYTES_READ)"
                    + " VALUES ('full', 'running', CURRENT_TIMESTAMP, 1000, 250)");
            try (ResultSet rs = s.executeQuery("SELECT STATE, PERCENT_DONE FROM LANFREE_JOBS() WHERE JOB_ID > 0")) {
                assertTrue(rs.next());
                assertEquals("running", rs.getString(1));
                assertEquals(25, rs.getLong(2));
            }
        }
    }

    private void assertUsable() throws Exception {
        call("INSERT INTO T VALUES (1)");
        assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM T"));
    }

    private Path config(String channel) throws Exception {
        Files.writeString(dir.resolve("agents.secret"), "0123456789abcdef0123");
        return Files.writeString(dir.resolve("h2-plugin.conf"), "media-server = 127.0.0.1:1\n"
                + "agents.secret-file = agents.secret\narray.channel = " + channel + "\n");
    }

    private void call(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
