package org.lanfree.h2plugin;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Finds the plugin's configuration file: the path stored in this database by
 * {@code CALL LANFREE_CONFIGURE('FILE')} (table {@code LANFREE.SETTINGS}, name {@code config}),
 * else the JVM's system property {@value #PROPERTY}.
 */
final class ConfigLocation {

    static final String PROPERTY = "lanfree.h2.config";

    private ConfigLocation() {
    }

    static Path find(Connection conn) throws SQLException {
        String stored = stored(conn);
        if (stored != null && !stored.isBlank()) {
            return Path.of(stored.strip());
        }
        String property = System.getProperty(PROPERTY, "");
        if (!property.isBlank()) {
            return Path.of(property.strip());
        }
        throw PluginErrors.config("no configuration: run CALL LANFREE_CONFIGURE('/path/h2-plugin.conf') once in"
                + " this database, or start the JVM that opens it with -D" + PROPERTY + "=/path/h2-plugin.conf. "
                + PluginConfig.FORMAT_HINT);
    }

    /** The path stored in this database, or null (no setting, or no install script run). */
    static String stored(Connection conn) throws SQLException {
        if (!settingsExist(conn)) {
            return null;
        }
        try (PreparedStatement s = conn.prepareStatement("SELECT VAL FROM LANFREE.SETTINGS WHERE NAME = 'config'");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static boolean settingsExist(Connection conn) throws SQLException {
        try (PreparedStatement s = conn.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = 'LANFREE' AND TABLE_NAME = 'SETTINGS'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
