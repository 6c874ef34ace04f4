package org.lanfree.fs.mount;

import java.io.IOException;

/** Stored bytes failed a check (a block's CRC, a range's SHA-256): retrying will not help. */
public final class DamagedDataException extends IOException {

    public DamagedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
