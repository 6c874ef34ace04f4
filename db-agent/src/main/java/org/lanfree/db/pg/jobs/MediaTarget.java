package org.lanfree.db.pg.jobs;

import java.io.IOException;

import org.lanfree.connect.session.MediaSession;

/** Where backups go: opens a new session with the media server for each backup. */
@FunctionalInterface
public interface MediaTarget {

    /** A new session; the message of a failure names the media server's address and what to check. */
    MediaSession open() throws IOException;
}
