package org.lanfree.cli.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ThreadLocalRandom;

import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.SegmentEnd;

/**
 * Sends one segment of {@link TestData}: DATA frames of at most 1 MiB, then END with the SHA-256
 * of their payloads. The data is seeded afresh for every segment, so stale bytes left in the
 * array by an earlier run can never pass for this one. Counts what went out, so a failure can
 * say how far it came.
 */
final class SegmentSender {

    private final FrameWriter writer;
    private final Progress progress;
    private volatile long sent;

    SegmentSender(FrameWriter writer, Progress progress) {
        this.writer = writer;
        this.progress = progress;
    }

    /** Sends {@code bytes} bytes and the END frame; returns the SHA-256 sent in it. */
    byte[] send(long bytes) throws IOException {
        TestData data = new TestData(ThreadLocalRandom.current().nextLong());
        MessageDigest sha = Sha256.digest();
        long done = 0;
        while (done < bytes) {
            ByteBuffer frame = data.next((int) Math.min(TestData.FRAME_BYTES, bytes - done));
            sha.update(frame.duplicate());
            writer.writeData(frame);
            done += frame.limit();
            sent = done;
            progress.update(done);
        }
        byte[] digest = sha.digest();
        writer.writeEnd(new SegmentEnd(digest));
        return digest;
    }

    /** Payload bytes handed to the connection so far. */
    long sent() {
        return sent;
    }
}
