package org.lanfree.h2plugin;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

import org.h2.tools.SimpleResultSet;

/**
 * The functions {@code sql/h2/install.sql} registers with CREATE ALIAS. H2 passes each the
 * calling session's connection first.
 *
 * <pre>
 * CALL LANFREE_BACKUP('full')                       -- the backup id
 * SELECT * FROM LANFREE_JOBS()                       -- every job, newest last
 * CALL LANFREE_CONFIGURE('/etc/lanfree/h2-plugin.conf')
 * </pre>
 */
public final class SqlFunctions {

    /** H2 asks a table function for its columns with this URL, and must not get the work done then. */
    static final String COLUMN_LIST_URL = "jdbc:columnlist:connection";

    private SqlFunctions() {
    }

    /** {@code LANFREE_BACKUP(level)}: an online full backup of this database, streamed; returns the backup id. */
    public static long backup(Connection conn, String level) throws SQLException {
        if (level == null || !level.strip().toLowerCase(Locale.ROOT).equals("full")) {
            throw PluginErrors.usage("level '" + level + "' is not supported: H2 backups are full copies;"
                    + " write CALL LANFREE_BACKUP('full')");
        }
        LocalDatabase db = LocalDatabase.of(conn);
        try (JobLog log = TableJobLog.open(db)) {
            PluginConfig config;
            // Read through a session of the plugin's own: a statement run on the calling session ends
            // there as the call's current command, and CANCEL_SESSION would no longer find the call.
            try (LocalDatabase.OwnSession own = db.autonomousSession()) {
                config = PluginConfig.read(ConfigLocation.find(own == null ? conn : own.conn()));
            } catch (SQLException e) {
                log.started("full", db.name(), db.size(), null);
                log.failed(e.getMessage());
                throw e;
            }
            return new StreamingBackup(config).run(db, Progress.NONE, log).backupId();
        }
    }

    /** {@code LANFREE_CONFIGURE(path)}: checks the file and stores its path for this database's backups. */
    public static String configure(Connection conn, String path) throws SQLException {
        if (path == null || path.isBlank()) {
            throw PluginErrors.usage("LANFREE_CONFIGURE needs the configuration file's path,"
                    + " e.g. CALL LANFREE_CONFIGURE('/etc/lanfree/h2-plugin.conf')");
        }
        if (!ConfigLocation.settingsExist(conn)) {
            throw PluginErrors.config("table LANFREE.SETTINGS is missing. HINT: run sql/h2/install.sql first");
        }
        Path file = Path.of(path.strip()).toAbsolutePath();
        PluginConfig.read(file);
        try (PreparedStatement s = conn.prepareStatement(
                "MERGE INTO LANFREE.SETTINGS (NAME, VAL) KEY (NAME) VALUES ('config', ?)")) {
            s.setString(1, file.toString());
            s.executeUpdate();
        }
        return file.toString();
    }

    /** {@code LANFREE_JOBS()}: the rows of {@code LANFREE.JOBS}, oldest first. */
    public static ResultSet jobs(Connection conn) throws SQLException {
        if (conn.getMetaData().getURL().equals(COLUMN_LIST_URL)) {
            return columns();
        }
        return conn.createStatement().executeQuery("SELECT JOB_ID, LEVEL, STATE, DATASET, STARTED, ENDED,"
                + " DATABASE_BYTES, BYTES_READ, BYTES_SENT, CASE WHEN DATABASE_BYTES > 0 THEN"
                + " LEAST(100, BYTES_READ * 100 / DATABASE_BYTES) END AS PERCENT_DONE, BACKUP_ID, SHA256, MEDIA_SERVER,"
                + " ERROR FROM LANFREE.JOBS ORDER BY JOB_ID");
    }

    private static SimpleResultSet columns() {
        SimpleResultSet rs = new SimpleResultSet();
        rs.addColumn("JOB_ID", Types.BIGINT, 19, 0);
        rs.addColumn("LEVEL", Types.VARCHAR, 16, 0);
        rs.addColumn("STATE", Types.VARCHAR, 16, 0);
        rs.addColumn("DATASET", Types.VARCHAR, 255, 0);
        rs.addColumn("STARTED", Types.TIMESTAMP_WITH_TIMEZONE, 35, 9);
        rs.addColumn("ENDED", Types.TIMESTAMP_WITH_TIMEZONE, 35, 9);
        rs.addColumn("DATABASE_BYTES", Types.BIGINT, 19, 0);
        rs.addColumn("BYTES_READ", Types.BIGINT, 19, 0);
        rs.addColumn("BYTES_SENT", Types.BIGINT, 19, 0);
        rs.addColumn("PERCENT_DONE", Types.BIGINT, 19, 0);
        rs.addColumn("BACKUP_ID", Types.BIGINT, 19, 0);
        rs.addColumn("SHA256", Types.VARCHAR, 64, 0);
        rs.addColumn("MEDIA_SERVER", Types.VARCHAR, 255, 0);
        rs.addColumn("ERROR", Types.VARCHAR, 4000, 0);
        return rs;
    }
}
