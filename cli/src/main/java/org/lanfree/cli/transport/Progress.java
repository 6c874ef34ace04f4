package org.lanfree.cli.transport;

/**
 * Hears how far a transfer has come. {@link #NONE} hears nothing, so the transfer loops never
 * ask whether anyone listens.
 */
@FunctionalInterface
public interface Progress {

    Progress NONE = bytes -> { };

    /** {@code bytes} payload bytes have been sent or received so far. */
    void update(long bytes);
}
