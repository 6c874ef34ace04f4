package org.lanfree.connect.channel;

import java.io.IOException;

/** An error the array reported, or a failure of the channel to it. */
public class ChannelException extends IOException {

    private final ChannelError error;

    public ChannelException(ChannelError error, String message) {
        super(message);
        this.error = error;
    }

    public ChannelException(ChannelError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public ChannelError error() {
        return error;
    }

    /** Whether retrying the same request later can help. */
    public boolean retryable() {
        return error.retryable;
    }
}
