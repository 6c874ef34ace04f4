package org.lanfree.db.pg.wire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads backend messages: a type byte, an Int32 length that counts itself, the body. One
 * body array is reused, so a {@link BackendMessage.CopyData} is valid until the next read.
 */
final class MessageReader {

    /** PostgreSQL's own limit on a message (MaxAllocSize is 1 GB). */
    private static final int MAX_BODY = (1 << 30) - 1;

    private final DataInputStream in;
    private byte[] body = new byte[64 * 1024];

    MessageReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    BackendMessage read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the server closed the connection");
        }
        int length = in.readInt();
        if (length < 4 || length - 4 > MAX_BODY) {
            throw new PgProtocolException("message '" + (char) type + "' has length " + length
                    + ", expected 4.." + (MAX_BODY + 4) + "; HINT: is this port a PostgreSQL server?");
        }
        int n = length - 4;
        if (n > body.length) {
            body = new byte[Math.max(n, body.length * 2)];
        }
        in.readFully(body, 0, n);
        return BackendMessage.decode((char) type, ByteBuffer.wrap(body, 0, n).slice());
    }
}
