package org.lanfree.media.server;

/**
 * A refused admin request: nothing changed. {@code reason} is a stable word scripts can test
 * (a robot's refusal reason such as {@code UNKNOWN_BARCODE}, or {@code BAD_REQUEST},
 * {@code CATALOG_REFUSED}, {@code TAPE_ERROR}); the message says what, seen, expected, and a hint.
 */
public final class AdminException extends RuntimeException {

    private final String reason;

    public AdminException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
