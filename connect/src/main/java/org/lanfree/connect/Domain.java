package org.lanfree.connect;

/** The two mechanisms a socket can use. The domain is encoded in every descriptor. */
public enum Domain {
    /** Ordinary TCP over the LAN. */
    NET,
    /** Socket-like stream through the array's cache (an STG group's rings of tracks). */
    STP;

    /** Descriptors carry their domain in the lowest bit: even for NET, odd for STP. */
    public static Domain ofDescriptor(int fd) {
        return (fd & 1) == 0 ? NET : STP;
    }
}
