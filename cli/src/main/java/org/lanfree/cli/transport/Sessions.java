package org.lanfree.cli.transport;

import java.io.Closeable;
import java.io.IOException;

/** Closing sessions whose outcome is already decided. */
final class Sessions {

    private Sessions() {
    }

    /** Closes {@code session}; a failure to close changes nothing about the transfer, so it is dropped. */
    static void closeQuietly(Closeable session) {
        try {
            session.close();
        } catch (IOException e) {
            // The transfer is decided; the array frees what a failed close leaves when the host detaches.
        }
    }
}
