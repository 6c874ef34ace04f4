package org.lanfree.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The test data: frames of the asked length, all different, and different per seed. */
class TestDataTest {

    @Test
    void framesHaveTheAskedLengthAndNoTwoOfAThousandAreAlike() {
        TestData data = new TestData(7);
        Set<ByteBuffer> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ByteBuffer frame = data.next(4096);
            assertEquals(4096, frame.remaining());
            seen.add(copy(frame));
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void anotherSeedGivesOtherBytesAndTheSameSeedTheSame() {
        assertEquals(copy(new TestData(1).next(TestData.FRAME_BYTES)), copy(new TestData(1).next(TestData.FRAME_BYTES)));
        assertNotEquals(copy(new TestData(1).next(TestData.FRAME_BYTES)), copy(new TestData(2).next(TestData.FRAME_BYTES)));
    }

    @Test
    void aShortLastFrameIsFineButNoFrameIsEmptyOrLargerThanOneMebibyte() {
        assertEquals(3, new TestData(1).next(3).remaining());
        assertThrows(IllegalArgumentException.class, () -> new TestData(1).next(0));
        assertThrows(IllegalArgumentException.class, () -> new TestData(1).next(TestData.FRAME_BYTES + 1));
    }

    private static ByteBuffer copy(ByteBuffer frame) {
        ByteBuffer c = ByteBuffer.allocate(frame.remaining());
        c.put(frame.duplicate()).flip();
        return c;
    }
}
