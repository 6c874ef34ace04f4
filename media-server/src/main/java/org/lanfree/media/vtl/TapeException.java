package org.lanfree.media.vtl;

import java.io.IOException;

/**
 * A tape operation that failed, classified by the SCSI sense key a real drive or changer would
 * report, so that administrators recognise it. The message says what failed, the value seen, the
 * value expected and a hint.
 */
public class TapeException extends IOException {

    /** The SCSI sense key of the failure. */
    public enum Sense {
        /** No cartridge in the drive, or the drive is busy. */
        NOT_READY(true),
        /** A block failed its checksum or cannot be read back. */
        MEDIUM_ERROR(false),
        /** The files behind the cartridge could not be read or written (e.g. disk full). */
        HARDWARE_ERROR(true),
        /** A request the drive or library cannot carry out as asked. */
        ILLEGAL_REQUEST(false),
        /** The cartridge is write-protected. */
        DATA_PROTECT(false),
        /** Spacing or reading ran into end-of-data. */
        BLANK_CHECK(false),
        /** Spacing backwards ran into the beginning of the tape. */
        BEGINNING_OF_TAPE(false),
        /** The cartridge has no room left for the block. */
        VOLUME_OVERFLOW(false);

        private final boolean retryable;

        Sense(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Sense sense;

    public TapeException(Sense sense, String message) {
        super(message);
        this.sense = sense;
    }

    public TapeException(Sense sense, String message, Throwable cause) {
        super(message, cause);
        this.sense = sense;
    }

    public Sense sense() {
        return sense;
    }

    /** Whether the same request can succeed later without changing it (e.g. after freeing disk space). */
    public boolean retryable() {
        return sense.retryable;
    }
}
