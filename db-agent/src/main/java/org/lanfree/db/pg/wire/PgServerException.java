package org.lanfree.db.pg.wire;

/**
 * The server refused something: carries the server's own notice (SQLSTATE and text kept as
 * sent) and says what to change on our side or on the server.
 */
public final class PgServerException extends RuntimeException {

    private final ServerNotice notice;
    private final boolean retryable;

    PgServerException(String what, ServerNotice notice) {
        super(what + " failed: the server said " + notice.describe() + ErrorHints.hintFor(notice)
                .map(h -> ". HINT: " + h).orElse(""));
        this.notice = notice;
        this.retryable = ErrorHints.retryable(notice);
    }

    public ServerNotice notice() {
        return notice;
    }

    public String sqlState() {
        return notice.sqlState();
    }

    /** True when the same request may succeed later unchanged (a limit was reached, the server was starting). */
    public boolean retryable() {
        return retryable;
    }
}
