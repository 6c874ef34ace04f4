package org.lanfree.h2plugin;

import java.sql.SQLException;

/**
 * The SQL errors the plugin raises, each with its own SQLSTATE so scripts can tell a
 * configuration to fix ({@value #CONFIG}) from a backup that failed ({@value #BACKUP}) and
 * from a call the plugin cannot serve ({@value #USAGE}).
 */
public final class PluginErrors {

    /** The configuration is missing or wrong: retrying unchanged cannot help. */
    public static final String CONFIG = "LF001";
    /** The backup failed (media server, array, database); retrying may help. */
    public static final String BACKUP = "LF002";
    /** Bad arguments, or a connection the plugin cannot back up through. */
    public static final String USAGE = "LF003";

    private PluginErrors() {
    }

    public static SQLException config(String message) {
        return new SQLException("lanfree: " + message, CONFIG);
    }

    public static SQLException backup(String message, Throwable cause) {
        return new SQLException("lanfree: " + message, BACKUP, cause);
    }

    public static SQLException usage(String message) {
        return new SQLException("lanfree: " + message, USAGE);
    }
}
