package org.lanfree.array.channel;

import java.nio.ByteBuffer;

import org.lanfree.connect.channel.Op;

/**
 * One request from a host, queued to its channel director. The body is read with absolute gets,
 * so a parked request can be tried again as it is.
 *
 * @param payloadLength for PUT: the bytes already copied into the slot by the host's reader
 */
public record Request(HostSession host, Op op, int tag, ByteBuffer body, int payloadLength) {

    public long endpoint() {
        return body.getLong(0);
    }

    public long seq() {
        return body.getLong(8);
    }

    /** The third field of OPEN/COMMIT/PUT/READ/SHUTDOWN bodies (fill or offset). */
    public int intAt16() {
        return body.getInt(16);
    }

    public int intAt(int offset) {
        return body.getInt(offset);
    }

    @Override
    public String toString() {
        return op + "#" + tag + " from " + host.name();
    }
}
