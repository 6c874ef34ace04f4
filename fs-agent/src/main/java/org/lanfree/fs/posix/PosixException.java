package org.lanfree.fs.posix;

import java.io.IOException;

/** A libc call failed: which call, on which path, and {@code errno} with its {@code strerror} text. */
public final class PosixException extends IOException {

    private final String call;
    private final int errno;

    PosixException(String call, Object path, int errno, String strerror) {
        super(call + "(" + path + ") failed: " + strerror + " (errno " + errno + ")");
        this.call = call;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }

    /** The object is gone (ENOENT, or ENOTDIR when a directory on the way became a file). */
    public boolean vanished() {
        return errno == Errno.ENOENT || errno == Errno.ENOTDIR;
    }

    /** Permission was refused (EACCES, EPERM). */
    public boolean refused() {
        return errno == Errno.EACCES || errno == Errno.EPERM;
    }
}
