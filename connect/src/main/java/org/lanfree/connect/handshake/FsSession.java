package org.lanfree.connect.handshake;

import java.io.Closeable;
import java.io.IOException;
import org.lanfree.connect.Conn;

/**
 * A file-system backup session as both sides hold it after the handshake: the control and the
 * error/status channels on the LAN, the data channel through the array. {@code token} is the
 * agent's descriptor of the control socket.
 */
public record FsSession(int token, Conn control, Conn errors, Conn data) implements Closeable {

    @Override
    public void close() throws IOException {
        try {
            data.close();
        } finally {
            try {
                errors.close();
            } finally {
                control.close();
            }
        }
    }
}
