package org.lanfree.cli.transport;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Pseudo-random test data, one frame at a time. A pool of 4 MiB comes from a seeded generator
 * once; each frame is a window of the pool at an offset that moves with the frame's number, and
 * begins with that number, so no two frames are alike and a lost, repeated or reordered frame
 * changes the SHA-256. Costs one memory copy per frame.
 */
final class TestData {

    /** The largest DATA payload sent: 1 MiB. */
    static final int FRAME_BYTES = 1 << 20;

    private static final int POOL_BYTES = 4 * FRAME_BYTES;
    private static final int STRIDE = 4099 * 8;

    private final byte[] pool = new byte[POOL_BYTES + FRAME_BYTES];
    private final ByteBuffer frame = ByteBuffer.allocate(FRAME_BYTES);
    private long frames;

    TestData(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < pool.length; i += Long.BYTES) {
            long value = random.nextLong();
            for (int b = 0; b < Long.BYTES; b++) {
                pool[i + b] = (byte) (value >>> (8 * b));
            }
        }
    }

    /** The next frame of {@code length} bytes (1 to {@link #FRAME_BYTES}); valid until the next call. */
    ByteBuffer next(int length) {
        if (length < 1 || length > FRAME_BYTES) {
            throw new IllegalArgumentException("frame length " + length + " is outside 1-" + FRAME_BYTES);
        }
        int offset = (int) ((frames * STRIDE) % POOL_BYTES);
        frame.clear().limit(length);
        if (length >= Long.BYTES) {
            frame.putLong(frames);
        }
        frame.put(pool, offset, frame.remaining()).flip();
        frames++;
        return frame;
    }
}
