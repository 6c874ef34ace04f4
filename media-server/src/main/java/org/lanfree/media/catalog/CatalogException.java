package org.lanfree.media.catalog;

/**
 * A catalog operation that failed: an unknown id, a state that forbids the change, or the
 * database itself. {@link #retryable()} says whether the same call may succeed later (a lost
 * connection, a lock timeout) or never will (a wrong argument).
 */
public final class CatalogException extends RuntimeException {

    private final boolean retryable;

    public CatalogException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public CatalogException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** A wrong argument or state: retrying the same call cannot help. */
    static CatalogException refused(String message) {
        return new CatalogException(message, false);
    }

    public boolean retryable() {
        return retryable;
    }
}
