package org.lanfree.h2plugin;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.ErrorCode;
import org.h2.command.Command;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.engine.User;
import org.h2.jdbc.JdbcConnection;
import org.h2.message.DbException;
import org.h2.mvstore.FileStore;
import org.h2.util.NetworkConnectionInfo;

/**
 * The database behind a connection opened in this JVM (embedded, or the server side of an H2
 * server), reached through H2 2.3.232's internal API: the session, the MVStore's file, and a
 * second session of the same user for writes that must commit on their own.
 */
public final class LocalDatabase {

    /** CANCEL_SESSION sets this flag of the running command, which H2 only reads between rows. */
    private static final Field COMMAND_CANCELED = commandCanceled();

    private final SessionLocal session;

    private LocalDatabase(SessionLocal session) {
        this.session = session;
    }

    /** The database of {@code conn}; a client connection of a remote server is refused with what to do. */
    public static LocalDatabase of(Connection conn) throws SQLException {
        JdbcConnection jdbc;
        try {
            jdbc = conn.unwrap(JdbcConnection.class);
        } catch (SQLException e) {
            throw PluginErrors.usage("the connection is not an H2 connection (" + conn.getClass().getName()
                    + "); the plugin backs up H2 databases only");
        }
        if (!(jdbc.getSession() instanceof SessionLocal local)) {
            throw PluginErrors.usage("this connection is a client of an H2 server (" + conn.getMetaData().getURL()
                    + "); the backup runs where the database lives: CALL LANFREE_BACKUP('full') there, through"
                    + " this connection, after running sql/h2/install.sql");
        }
        Database db = local.getDatabase();
        if (!db.isPersistent()) {
            throw PluginErrors.usage("database " + db.getShortName() + " is in memory: there is no file to back up");
        }
        return new LocalDatabase(local);
    }

    /** The database's name as files know it: {@code appdb} for {@code /data/appdb.mv.db}. */
    public String name() {
        return Path.of(session.getDatabase().getDatabasePath()).getFileName().toString();
    }

    /** The {@code .mv.db} file. */
    public Path file() {
        return Path.of(fileStore().getFileName());
    }

    /** Bytes in the {@code .mv.db} file now. */
    public long size() {
        return fileStore().size();
    }

    /** Whether the database is closing or closed (a backup cannot be good then). */
    public boolean closing() {
        return session.getDatabase().isClosing() || session.isClosed();
    }

    /**
     * Throws when the calling statement was canceled (CANCEL_SESSION, Statement.cancel, a query
     * timeout): H2 only checks between rows, and a backup is one long call.
     */
    void checkCanceled() {
        session.checkCanceled();
        Command command = session.getCurrentCommand();
        try {
            if (command != null && COMMAND_CANCELED != null && COMMAND_CANCELED.getBoolean(command)) {
                COMMAND_CANCELED.setBoolean(command, false); // as H2 does: a prepared CALL may run again
                throw DbException.get(ErrorCode.STATEMENT_WAS_CANCELED);
            }
        } catch (IllegalAccessException e) {
            // not after setAccessible succeeded; were it so, only Statement.cancel and timeouts would end a backup
        }
    }

    /** Whether {@code e} is H2 saying the statement was canceled. */
    static boolean isCancel(Throwable e) {
        return e instanceof DbException d && d.getErrorCode() == ErrorCode.STATEMENT_WAS_CANCELED;
    }

    private static Field commandCanceled() {
        try {
            Field f = Command.class.getDeclaredField("cancel");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another H2: Statement.cancel and query timeouts still end a backup
        }
    }

    SessionLocal session() {
        return session;
    }

    FileStore fileStore() {
        return session.getDatabase().getStore().getMvStore().getFileStore();
    }

    /**
     * A new session of the calling user on the same database, committing on its own: the job's
     * progress must be visible to others while the calling statement still runs, and a failure
     * must stay recorded when that statement's work is rolled back. Null when the database is closing.
     */
    OwnSession autonomousSession() throws SQLException {
        Database db = session.getDatabase();
        User user = session.getUser();
        SessionLocal other;
        try {
            // Database.createSession registers the session, so closing the database closes it too.
            Method create = Database.class.getDeclaredMethod("createSession", User.class, NetworkConnectionInfo.class);
            create.setAccessible(true);
            other = (SessionLocal) create.invoke(db, user, null);
        } catch (InvocationTargetException e) {
            throw PluginErrors.backup("cannot open a session for the job log: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw PluginErrors.backup("this H2 (" + org.h2.engine.Constants.FULL_VERSION + ") lacks the internal API the"
                    + " plugin was built for (H2 2.3.232): " + e + ". HINT: use the plugin built for this H2 version", e);
        }
        if (other == null) {
            return null;
        }
        JdbcConnection conn = new JdbcConnection(other, user.getName(), "jdbc:default:connection");
        conn.setAutoCommit(true);
        return new OwnSession(conn, other);
    }

    /**
     * A session of the plugin's own and a JDBC connection over it. Closing it closes the session
     * itself: such a connection has no close watcher, and its {@code close()} fails in H2 2.3.232.
     */
    record OwnSession(Connection conn, SessionLocal session) implements AutoCloseable {
        @Override
        public void close() {
            session.close();
        }
    }
}
