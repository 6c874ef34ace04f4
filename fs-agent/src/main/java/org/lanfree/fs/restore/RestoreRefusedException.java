package org.lanfree.fs.restore;

import java.io.IOException;

/** The restore did not start: the target is not a place it may write to as asked. Retrying as is cannot help. */
public final class RestoreRefusedException extends IOException {

    public RestoreRefusedException(String message) {
        super(message);
    }
}
