package org.lanfree.connect.wire;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Objects;
import java.util.Optional;

/**
 * A protocol failure with a fixed {@link ErrorCode}. When the peer raised the error and sent it
 * in an ERROR frame, the code is {@link ErrorCode#PEER_ERROR}, {@link #peerCode()} is the code
 * the peer raised, and the message names the peer.
 */
public class WireException extends IOException {

    private final ErrorCode code;
    private final ErrorCode peerCode;
    private final String detail;

    public WireException(ErrorCode code, String detail) {
        this(code, null, detail, null);
    }

    public WireException(ErrorCode code, String detail, Throwable cause) {
        this(code, null, detail, cause);
    }

    private WireException(ErrorCode code, ErrorCode peerCode, String detail, Throwable cause) {
        super(code + ": " + detail, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.peerCode = peerCode;
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** The error a peer raised and sent in an ERROR frame, as this side rethrows it. */
    public static WireException raisedBy(String peer, ErrorCode peerCode, String peerDetail) {
        return new WireException(ErrorCode.PEER_ERROR, peerCode,
                "peer " + peer + " raised " + peerCode + ": " + peerDetail, null);
    }

    /**
     * The exception as a {@code WireException}: itself when it is one, TIMEOUT for a socket
     * timeout, IO_FAILED for any other I/O failure.
     */
    public static WireException of(IOException e) {
        if (e instanceof WireException w) {
            return w;
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SocketTimeoutException) {
            return new WireException(ErrorCode.TIMEOUT, text, e);
        }
        return new WireException(ErrorCode.IO_FAILED, text, e);
    }

    /** The same error with {@code context} put in front of its detail; codes are kept. */
    public WireException withContext(String context) {
        return new WireException(code, peerCode, context + ": " + detail, this);
    }

    public ErrorCode code() {
        return code;
    }

    /** For {@link ErrorCode#PEER_ERROR}: the code the peer raised. */
    public Optional<ErrorCode> peerCode() {
        return Optional.ofNullable(peerCode);
    }

    /** The message without the code in front; what an ERROR frame carries. */
    public String detail() {
        return detail;
    }

    /** Whether trying again may help; for a peer's error, whether the peer's code says so. */
    public boolean retryable() {
        return peerCode != null ? peerCode.retryable() : code.retryable();
    }

    /**
     * Whether the peer should be told about this error in an ERROR frame: every error but the
     * peer's own (a peer that only half-closed still reads).
     */
    public boolean worthTelling() {
        return code != ErrorCode.PEER_ERROR;
    }
}
