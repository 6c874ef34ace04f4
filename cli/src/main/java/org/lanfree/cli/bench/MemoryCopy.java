package org.lanfree.cli.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The machine's single-thread memory-copy bandwidth: 1 GiB off-heap to off-heap, best of three. */
final class MemoryCopy {

    private MemoryCopy() {
    }

    /** Returns MB/s (10^6 bytes copied per second). */
    static double measureMbPerSec(long bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(bytes, 4096);
            MemorySegment dst = arena.allocate(bytes, 4096);
            // Write both once: fresh memory is slow on this kind of machine, and that is not memcpy.
            for (long off = 0; off < bytes; off += 4096) {
                src.set(ValueLayout.JAVA_BYTE, off, (byte) off);
                dst.set(ValueLayout.JAVA_BYTE, off, (byte) 1);
            }
            MemorySegment.copy(src, 0, dst, 0, bytes);
            double best = 0;
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                MemorySegment.copy(src, 0, dst, 0, bytes);
                long nanos = System.nanoTime() - t0;
                best = Math.max(best, bytes / 1e6 / (nanos / 1e9));
            }
            return best;
        }
    }
}
