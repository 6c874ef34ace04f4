package org.lanfree.cli.transport;

import java.io.IOException;
import java.time.Duration;
import java.security.MessageDigest;

import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Frame;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.SegmentEnd;
import org.lanfree.connect.wire.WireException;

/**
 * Receives one segment: DATA frames (the reader checks each one's CRC32C) up to the END frame,
 * hashing the payloads as they come. A frame of any other type, or a gap longer than the stall
 * timeout, fails the segment. Counts what arrived, so a failure can say how far it came.
 */
final class SegmentReceiver {

    private final FrameReader reader;
    private final Progress progress;
    private volatile long received;

    SegmentReceiver(FrameReader reader, Progress progress) {
        this.reader = reader;
        this.progress = progress;
    }

    /** Reads up to END; returns the count, time, SHA-256 of what arrived and the one END holds. */
    Segment receive(Duration stall) throws IOException {
        reader.setTimeout(stall);
        MessageDigest sha = Sha256.digest();
        long start = System.nanoTime();
        long done = 0;
        while (true) {
            Frame frame = reader.next();
            switch (frame.type()) {
                case DATA -> {
                    done += frame.payload().remaining();
                    sha.update(frame.payload());
                    received = done;
                    progress.update(done);
                }
                case END -> {
                    byte[] theirs = SegmentEnd.decode(frame.payload()).sha256();
                    return new Segment(done, System.nanoTime() - start, sha.digest(), theirs);
                }
                default -> throw new WireException(ErrorCode.UNEXPECTED_FRAME, "expected DATA or END from "
                        + reader.peer() + " but got " + frame.type() + " after " + done + " bytes");
            }
        }
    }

    /** Payload bytes received so far. */
    long received() {
        return received;
    }
}
