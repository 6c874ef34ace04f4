package org.lanfree.array.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CacheDirectoryTest {

    private static long track(int t) {
        return TrackAddress.of(0, t);
    }

    @Test
    void allocatedSlotIsFoundByItsTrackAndFreedWithoutDestage() {
        CacheDirectory c = new CacheDirectory(4);
        int s = c.allocate(track(7));
        assertEquals(s, c.lookup(track(7)));
        assertEquals(1, c.writePending());
        c.unpin(s);
        c.free(s);
        assertEquals(-1, c.lookup(track(7)));
        assertEquals(0, c.used());
        assertEquals(0, c.writePending());
    }

    @Test
    void lastFreedSlotIsReusedFirst() {
        CacheDirectory c = new CacheDirectory(4);
        int a = c.allocate(track(1));
        c.allocate(track(2));
        c.free(a);
        assertEquals(a, c.allocate(track(3)));
    }

    @Test
    void evictionTakesOldestCleanAndSkipsPinned() {
        CacheDirectory c = new CacheDirectory(3);
        int a = c.allocate(track(1));
        int b = c.allocate(track(2));
        int d = c.allocate(track(3));
        c.markClean(a);
        c.markClean(b);
        c.unpin(b);
        // a is clean but still pinned, b is clean and unpinned, d is write-pending
        int e = c.allocate(track(4));
        assertEquals(b, e);
        assertEquals(-1, c.lookup(track(2)), "the evicted track leaves the directory");
        assertEquals(-1, c.allocate(track(5)), "nothing left: a is pinned, d and e are write-pending");
        assertNotEquals(-1, c.lookup(track(3)));
        assertEquals(d, c.lookup(track(3)));
    }

    @Test
    void destageCandidatesAreOldestUnpinnedWritePending() {
        CacheDirectory c = new CacheDirectory(4);
        int a = c.allocate(track(1));
        int b = c.allocate(track(2));
        assertEquals(-1, c.destageCandidate(), "pinned slots are being written");
        c.unpin(b);
        c.unpin(a);
        assertEquals(a, c.destageCandidate());
        c.beginDestage(a);
        assertEquals(b, c.destageCandidate(), "a slot being destaged is not picked twice");
        c.endDestage(a);
        assertEquals(a, c.lookup(track(1)), "a destaged track stays cached, clean");
        assertEquals(1, c.writePending());
    }

    @Test
    void slotFreedDuringDestageIsFreedWhenDestageEnds() {
        CacheDirectory c = new CacheDirectory(2);
        int a = c.allocate(track(1));
        c.unpin(a);
        c.beginDestage(a);
        c.free(a);
        assertEquals(a, c.lookup(track(1)), "still in use by the disk director");
        assertTrue(c.endDestage(a));
        assertEquals(-1, c.lookup(track(1)));
        assertEquals(0, c.used());
    }

    @Test
    void hitRatioCountsHitsAndMisses() {
        CacheDirectory c = new CacheDirectory(2);
        c.countHit();
        c.countHit();
        c.countHit();
        c.countMiss();
        assertEquals(0.75, c.hitRatio(), 1e-9);
    }

    @Test
    void unpinningAnUnpinnedSlotIsABug() {
        CacheDirectory c = new CacheDirectory(2);
        int a = c.allocate(track(1));
        c.unpin(a);
        assertThrows(IllegalStateException.class, () -> c.unpin(a));
    }
}
