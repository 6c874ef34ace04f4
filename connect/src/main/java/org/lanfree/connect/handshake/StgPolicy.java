package org.lanfree.connect.handshake;

import org.lanfree.connect.wire.WireException;

/** The media server's choice of STG group and ring size for a database client. */
@FunctionalInterface
public interface StgPolicy {

    /** The grant for {@code client}; throws {@link org.lanfree.connect.wire.ErrorCode#REFUSED} to turn it away. */
    StgGrant grantFor(String client) throws WireException;
}
