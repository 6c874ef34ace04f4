package org.lanfree.connect.handshake;

/** The STG group a session's data goes through, and the size of each of its rings in tracks (0: the group's default). */
public record StgGrant(int group, int ringTracks) {

    public StgGrant {
        if (group < 0) {
            throw new IllegalArgumentException("STG group " + group + " is negative");
        }
        if (ringTracks < 0) {
            throw new IllegalArgumentException("ring tracks " + ringTracks + " is negative");
        }
    }
}
