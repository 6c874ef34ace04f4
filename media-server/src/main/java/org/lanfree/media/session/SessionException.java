package org.lanfree.media.session;

import org.lanfree.connect.wire.ErrorCode;

/**
 * A session that could not store its backup. The {@link Failure} gives the fixed code the sender
 * receives in the ERROR frame and whether running the backup again can help.
 */
public final class SessionException extends Exception {

    /** Why a session failed. */
    public enum Failure {
        /** The sender vanished, went silent, or broke the framing (e.g. a bad CRC32C). */
        STREAM(ErrorCode.IO_FAILED, true),
        /** The sender's END digest differs from the one computed over the payload received. */
        DIGEST_MISMATCH(ErrorCode.REFUSED, true),
        /** The stream is well framed but not what a backup stream may hold. */
        PROTOCOL(ErrorCode.UNEXPECTED_FRAME, false),
        /** No drive became free within the session's wait. */
        NO_DRIVE(ErrorCode.REFUSED, true),
        /** The pool had no writable cartridge within the mount wait. */
        NO_CARTRIDGE(ErrorCode.REFUSED, true),
        /** Writing to tape failed. */
        TAPE(ErrorCode.IO_FAILED, true),
        /** The catalog refused or could not record the backup. */
        CATALOG(ErrorCode.INTERNAL, false),
        /** The session's thread was interrupted (the media server is stopping). */
        INTERRUPTED(ErrorCode.IO_FAILED, true);

        private final ErrorCode wireCode;
        private final boolean retryable;

        Failure(ErrorCode wireCode, boolean retryable) {
            this.wireCode = wireCode;
            this.retryable = retryable;
        }
    }

    private final Failure failure;
    private final ErrorCode wireCode;

    public SessionException(Failure failure, String message) {
        this(failure, failure.wireCode, message, null);
    }

    public SessionException(Failure failure, String message, Throwable cause) {
        this(failure, failure.wireCode, message, cause);
    }

    /** A failure whose wire code is more precise than the failure's own (e.g. BAD_CRC for a stream). */
    public SessionException(Failure failure, ErrorCode wireCode, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.wireCode = wireCode;
    }

    public Failure failure() {
        return failure;
    }

    /** The code the sender receives in the ERROR frame. */
    public ErrorCode wireCode() {
        return wireCode;
    }

    /** Whether running the same backup again may succeed. */
    public boolean retryable() {
        return failure.retryable;
    }
}
