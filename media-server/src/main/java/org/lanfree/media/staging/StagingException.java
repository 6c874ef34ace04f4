package org.lanfree.media.staging;

import java.io.IOException;

/** A staging pool request that failed; the message says what, the value seen, the expected and a hint. */
public final class StagingException extends IOException {

    /** Why the request failed, and whether the same request can succeed later. */
    public enum Reason {
        /** The pool holds its policy's {@code maxBytes}; retrying helps after a migration frees space. */
        QUOTA_EXCEEDED(true),
        /** The file system under the pool is full; retrying helps once space is freed. */
        DISK_FULL(true),
        /** A write-once segment already exists with other bytes. */
        CONFLICT(false),
        /** Another writer is writing the same segment right now. */
        BUSY(true),
        /** No such segment in the pool. */
        NOT_FOUND(false),
        /** A segment's bytes do not match its SHA-256, or cannot be read back. */
        DAMAGED(false),
        /** The manifest is damaged before its tail; the pool refuses to guess. */
        MANIFEST_DAMAGED(false),
        /** The pool or the writer is closed. */
        CLOSED(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Reason reason;

    public StagingException(Reason reason, String message) {
        super("staging: " + message);
        this.reason = reason;
    }

    public StagingException(Reason reason, String message, Throwable cause) {
        super("staging: " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the same request can succeed later without changing it. */
    public boolean retryable() {
        return reason.retryable;
    }
}
