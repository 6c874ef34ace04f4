package org.lanfree.connect.wire;

import java.io.Closeable;
import java.io.IOException;
import org.lanfree.connect.Conn;

/** A connection with a reader and a writer that frame it. */
public record FrameChannel(Conn conn, FrameReader reader, FrameWriter writer) implements Closeable {

    public static FrameChannel of(Conn conn) {
        return new FrameChannel(conn, new FrameReader(conn), new FrameWriter(conn));
    }

    public static FrameChannel of(Conn conn, int maxFrameLength) {
        return new FrameChannel(conn, new FrameReader(conn, maxFrameLength),
                new FrameWriter(conn, maxFrameLength));
    }

    @Override
    public void close() throws IOException {
        conn.close();
    }
}
