package org.lanfree.media.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lanfree.testkit.FreePorts;

/** The embedded catalog served over H2's TCP server to a read-only user, while the media server keeps writing. */
class CatalogServerTest {

    @TempDir
    Path dir;

    @Test
    void theReaderSeesTheLiveCatalogThroughTheServer() throws SQLException {
        try (Catalog catalog = Catalog.embedded(dir); CatalogServer server = CatalogServer.start(dir, FreePorts.single())) {
            catalog.clients().register("db1", "db1.example", null);
            assertEquals("jdbc:h2:tcp://localhost:" + server.port() + "/catalog", server.jdbcUrl());
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
                assertEquals(List.of("db1"), names(c));
                catalog.clients().register("db2", "db2.example", null);
                assertEquals(List.of("db1", "db2"), names(c), "the server shares the media server's open catalog");
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM v_need_backup")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "INSERT INTO clients (name, host, registered_at, updated_at) VALUES ('x', 'h', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        "UPDATE clients SET host = 'evil'",
        "DELETE FROM clients",
        "DROP VIEW v_backups",
        "CREATE TABLE mine (x INT)",
        "ALTER TABLE clients ADD COLUMN y INT",
        "GRANT SELECT ON clients TO PUBLIC",
    })
    void theReaderCannotChangeAnything(String sql) throws SQLException {
        try (Catalog catalog = Catalog.embedded(dir); CatalogServer server = CatalogServer.start(dir, FreePorts.single())) {
            catalog.clients().register("db1", "db1.example", null);
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                 Statement s = c.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(sql));
                assertEquals("90096", e.getSQLState(), "H2's 'not enough rights': " + e.getMessage());
            }
            assertEquals("db1.example", catalog.clients().require("db1").host());
            assertEquals(1, catalog.clients().list().size());
        }
    }

    @Test
    void aWrongPasswordAndAnotherDatabaseAreRefused() {
        try (Catalog catalog = Catalog.embedded(dir); CatalogServer server = CatalogServer.start(dir, FreePorts.single())) {
            assertThrows(SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl(), "reader", "guess").close());
            assertThrows(SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl(), "lanfree", "").close());
            SQLException other = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                    "jdbc:h2:tcp://localhost:" + server.port() + "/other", "sa", "").close());
            assertTrue(other.getMessage().contains("not found"), other.getMessage());
        }
    }

    @Test
    void startingWithoutACatalogSaysHowToMakeOne(@TempDir Path empty) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CatalogServer.start(empty, FreePorts.single()));
        assertTrue(e.getMessage().contains("Catalog.embedded"), e.getMessage());
    }

    private static List<String> names(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT client FROM v_clients ORDER BY client")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
