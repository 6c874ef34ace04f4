package org.lanfree.h2plugin;

/**
 * Hears how far a backup has come. {@link #NONE} hears nothing, so the copy loop never asks
 * whether anyone listens.
 */
@FunctionalInterface
public interface Progress {

    Progress NONE = (read, sent) -> { };

    /** {@code read} bytes of the database file copied so far, {@code sent} archive bytes streamed. */
    void update(long read, long sent);

    /** The copy starts and will read {@code bytes} of the database file (the file as of its start point). */
    default void copying(long bytes) {
    }
}
