package org.lanfree.fs.mount;

/** FUSE cannot be used on this machine: the message says what is missing and what to install. */
public final class FuseUnavailableException extends Exception {

    public FuseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
