package org.lanfree.array.cache;

import java.util.HashMap;
import java.util.Map;

/**
 * The cache index directory and slot states. Not thread-safe: the array calls it under its lock.
 * Free slots are reused last-freed first (their pages are warm); clean slots are evicted least
 * recently used first; write-pending slots are destaged oldest first.
 */
public final class CacheDirectory {

    private static final byte FREE = 0;
    private static final byte CLEAN = 1;
    private static final byte PENDING = 2;

    private final int slots;
    private final long[] address;
    private final byte[] state;
    private final int[] pins;
    private final boolean[] destaging;
    private final boolean[] freeAfterDestage;
    private final Map<Long, Integer> index = new HashMap<>();
    private final int[] freeStack;
    private int freeTop;
    private final SlotList clean;
    private final SlotList pending;

    private long hits;
    private long misses;

    public CacheDirectory(int slots) {
        this.slots = slots;
        this.address = new long[slots];
        this.state = new byte[slots];
        this.pins = new int[slots];
        this.destaging = new boolean[slots];
        this.freeAfterDestage = new boolean[slots];
        this.freeStack = new int[slots];
        for (int i = slots - 1; i >= 0; i--) {
            freeStack[freeTop++] = i;
        }
        this.clean = new SlotList(slots);
        this.pending = new SlotList(slots);
    }

    /** The slot holding {@code track}, or -1. */
    public int lookup(long track) {
        Integer slot = index.get(track);
        return slot == null ? -1 : slot;
    }

    /**
     * A slot for {@code track}, write-pending and pinned: a free one, else the least recently used
     * clean one (evicted). -1 when every slot is pinned or write-pending.
     */
    public int allocate(long track) {
        int slot;
        if (freeTop > 0) {
            slot = freeStack[--freeTop];
        } else {
            slot = clean.firstUnpinned(pins, destaging);
            if (slot < 0) {
                return -1;
            }
            clean.remove(slot);
            index.remove(address[slot]);
        }
        address[slot] = track;
        state[slot] = PENDING;
        pins[slot] = 1;
        index.put(track, slot);
        pending.addLast(slot);
        return slot;
    }

    public void pin(int slot) {
        pins[slot]++;
    }

    public void unpin(int slot) {
        if (pins[slot] <= 0) {
            throw new IllegalStateException("slot " + slot + " is not pinned");
        }
        pins[slot]--;
    }

    /** A staged track now equals its device copy. */
    public void markClean(int slot) {
        if (state[slot] == PENDING) {
            pending.remove(slot);
        }
        if (state[slot] != CLEAN) {
            state[slot] = CLEAN;
            clean.addLast(slot);
        }
    }

    /** Drops the track: the slot becomes free without destage (or once its destage ends). */
    public void free(int slot) {
        if (destaging[slot]) {
            freeAfterDestage[slot] = true;
            return;
        }
        if (state[slot] == PENDING) {
            pending.remove(slot);
        } else if (state[slot] == CLEAN) {
            clean.remove(slot);
        }
        index.remove(address[slot]);
        state[slot] = FREE;
        pins[slot] = 0;
        freeStack[freeTop++] = slot;
    }

    /** The oldest write-pending, unpinned slot not yet being destaged, or -1. */
    public int destageCandidate() {
        return pending.firstUnpinned(pins, destaging);
    }

    public void beginDestage(int slot) {
        destaging[slot] = true;
    }

    /** Ends a destage; returns true when the slot was freed meanwhile and is now free. */
    public boolean endDestage(int slot) {
        destaging[slot] = false;
        if (freeAfterDestage[slot]) {
            freeAfterDestage[slot] = false;
            free(slot);
            return true;
        }
        markClean(slot);
        return false;
    }

    public long address(int slot) {
        return address[slot];
    }

    public void countHit() {
        hits++;
    }

    public void countMiss() {
        misses++;
    }

    public int slots() {
        return slots;
    }

    public int used() {
        return slots - freeTop;
    }

    public int free() {
        return freeTop;
    }

    /** Slots that could be handed out now without a destage. */
    public int available() {
        return freeTop + clean.countUnpinned(pins, destaging);
    }

    public int writePending() {
        return pending.size();
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }

    public double hitRatio() {
        long reads = hits + misses;
        return reads == 0 ? 0.0 : (double) hits / reads;
    }
}
