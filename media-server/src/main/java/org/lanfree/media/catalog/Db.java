package org.lanfree.media.catalog;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * How the catalog's parts reach the database: each call in one transaction, and a database
 * failure turned into a {@link CatalogException} that names the operation (the calling method,
 * e.g. "Backups.addSection"), the database's message and SQLSTATE, and whether a retry can
 * help (lost connection, lock timeout, serialization failure) or not.
 */
final class Db {

    /** SQLSTATE classes and codes worth a retry: connection, rollback, resources, operator, H2 lock timeouts. */
    private static final Set<String> RETRY_CLASSES = Set.of("08", "40", "53", "57");
    private static final Set<String> RETRY_CODES = Set.of("HYT00", "50200");

    private final Jdbi jdbi;
    private final String where;

    Db(Jdbi jdbi, String where) {
        this.jdbi = jdbi;
        this.where = where;
    }

    <R> R tx(HandleCallback<R, RuntimeException> callback) {
        try {
            return jdbi.inTransaction(callback);
        } catch (JdbiException e) {
            throw translate(e);
        }
    }

    void use(HandleConsumer<RuntimeException> consumer) {
        try {
            jdbi.useTransaction(consumer);
        } catch (JdbiException e) {
            throw translate(e);
        }
    }

    /** A read: one handle, no explicit transaction. */
    <R> R read(HandleCallback<R, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (JdbiException e) {
            throw translate(e);
        }
    }

    private CatalogException translate(JdbiException e) {
        SQLException sql = sqlCause(e);
        String state = sql == null ? null : sql.getSQLState();
        boolean retryable = sql != null && retryable(sql);
        String message = firstLine(sql != null ? sql.getMessage() : e.getMessage());
        return new CatalogException("catalog " + where + ": " + operation() + " failed: " + message
                + (state == null ? "" : " (SQLSTATE " + state + ")") + "; HINT: "
                + (retryable ? "the database is unreachable or busy, the call may succeed when retried"
                        : "the catalog refused the change; see the media server's log"), retryable, e);
    }

    /** True when the database says the same statement may succeed later. */
    static boolean retryable(SQLException sql) {
        String state = sql.getSQLState();
        return sql instanceof SQLTransientException || sql instanceof SQLRecoverableException
                || state != null && (RETRY_CODES.contains(state) || state.length() >= 2 && RETRY_CLASSES.contains(state.substring(0, 2)));
    }

    /** The catalog method that called into this class, e.g. "Jobs.claimNext". */
    private static String operation() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(Db.class.getName()))
                .filter(f -> f.getClassName().startsWith(Db.class.getPackageName() + ".") && !f.getMethodName().startsWith("lambda$"))
                .findFirst()
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .orElse("a catalog call"));
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
