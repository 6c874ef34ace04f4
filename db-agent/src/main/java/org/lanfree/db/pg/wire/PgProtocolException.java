package org.lanfree.db.pg.wire;

/** The server sent something the protocol does not allow here, or the connection broke; the session is unusable. */
public final class PgProtocolException extends RuntimeException {

    public PgProtocolException(String message) {
        super(message);
    }

    public PgProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
