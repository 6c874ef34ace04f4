package org.lanfree.fs.posix;

/**
 * An open file descriptor and the path it was opened by (for messages only: the calls go through
 * the number). {@link #close()} is idempotent.
 */
public final class Fd implements AutoCloseable {

    private final ByteString path;
    private int fd;

    Fd(int fd, ByteString path) {
        this.fd = fd;
        this.path = path;
    }

    public int number() {
        if (fd < 0) {
            throw new IllegalStateException("descriptor of " + path + " is closed");
        }
        return fd;
    }

    /** The path this descriptor was opened by, relative to the walk's or restore's root. */
    public ByteString path() {
        return path;
    }

    public boolean isOpen() {
        return fd >= 0;
    }

    @Override
    public void close() throws PosixException {
        if (fd >= 0) {
            int n = fd;
            fd = -1;
            Posix.close(n, path);
        }
    }

    @Override
    public String toString() {
        return "fd " + fd + " (" + path + ")";
    }
}
