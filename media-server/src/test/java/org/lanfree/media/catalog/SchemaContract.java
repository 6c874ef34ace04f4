package org.lanfree.media.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The migrations: what they create, that they run once, and that the README documents every view. */
abstract class SchemaContract extends CatalogContract {

    static final Set<String> TABLES = Set.of("pools", "clients", "policies", "datasets", "jobs", "backups", "cartridges",
            "libraries", "slots", "drives", "backup_sections", "file_entries", "wal_ranges");
    static final Set<String> VIEWS = Set.of("v_backup_chain", "v_clients", "v_backups", "v_backup_contents", "v_tapes",
            "v_tape_contents", "v_jobs", "v_need_backup", "v_retained", "v_obsolete", "v_obsolete_wal", "v_wal_gaps",
            "v_wal_timelines");

    @Test
    void migrationsFromEmptyCreateEveryTableAndView() throws SQLException {
        assertEquals(TABLES, names("TABLE"), source().describe() + " tables");
        assertEquals(VIEWS, names("VIEW"), source().describe() + " views");
        assertEquals("2", catalog.schemaVersion());
    }

    @Test
    void openingAgainAppliesNothingAndKeepsTheData() {
        catalog.clients().register("db1", "db1.example", null);
        long history = historyRows(catalog);
        catalog.close();
        catalog = source().again(clock);
        assertEquals("2", catalog.schemaVersion());
        assertEquals(history, historyRows(catalog), "migration history rows after reopening");
        assertEquals("db1.example", catalog.clients().require("db1").host());
    }

    @Test
    void everyViewAnswersOnAnEmptyCatalog() {
        for (String view : VIEWS) {
            long rows = catalog.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + view).mapTo(Long.class).one());
            assertEquals(0, rows, view + " on an empty catalog");
        }
    }

    @Test
    void readmeDocumentsEveryViewAndTable() throws IOException {
        String readme;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("db/catalog/README.md")) {
            assertTrue(in != null, "db/catalog/README.md (sql/catalog/README.md) is on the classpath");
            readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String name : new TreeSet<>(VIEWS)) {
            assertTrue(readme.contains("`" + name + "`"), "README documents view " + name);
        }
        for (String name : new TreeSet<>(TABLES)) {
            assertTrue(readme.contains("`" + name + "`"), "README documents table " + name);
        }
    }

    private Set<String> names(String type) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection c = catalog.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String schema = c.getSchema();
            try (ResultSet rs = meta.getTables(c.getCatalog(), schema, "%", new String[] {type})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        names.remove("flyway_schema_history");
        return names;
    }

    private static long historyRows(Catalog c) {
        return c.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM \"flyway_schema_history\"").mapTo(Long.class).one());
    }
}
