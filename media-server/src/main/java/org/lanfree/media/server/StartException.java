package org.lanfree.media.server;

/** The media server could not start: says which part failed, why, and what to do. Nothing stays open. */
public final class StartException extends Exception {

    public StartException(String message, Throwable cause) {
        super(message, cause);
    }
}
