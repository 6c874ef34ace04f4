package org.lanfree.array.cache;

import java.util.Arrays;

/** A doubly linked list of slot numbers in arrays: O(1) add, remove and move, no allocation. */
final class SlotList {

    private final int[] prev;
    private final int[] next;
    private final boolean[] member;
    private int head = -1;
    private int tail = -1;
    private int size;

    SlotList(int slots) {
        prev = new int[slots];
        next = new int[slots];
        member = new boolean[slots];
        Arrays.fill(prev, -1);
        Arrays.fill(next, -1);
    }

    void addLast(int slot) {
        if (member[slot]) {
            remove(slot);
        }
        member[slot] = true;
        prev[slot] = tail;
        next[slot] = -1;
        if (tail >= 0) {
            next[tail] = slot;
        } else {
            head = slot;
        }
        tail = slot;
        size++;
    }

    void remove(int slot) {
        if (!member[slot]) {
            return;
        }
        member[slot] = false;
        if (prev[slot] >= 0) {
            next[prev[slot]] = next[slot];
        } else {
            head = next[slot];
        }
        if (next[slot] >= 0) {
            prev[next[slot]] = prev[slot];
        } else {
            tail = prev[slot];
        }
        prev[slot] = -1;
        next[slot] = -1;
        size--;
    }

    /** The first member from the head that is neither pinned nor being destaged, or -1. */
    int firstUnpinned(int[] pins, boolean[] busy) {
        for (int s = head; s >= 0; s = next[s]) {
            if (pins[s] == 0 && !busy[s]) {
                return s;
            }
        }
        return -1;
    }

    int countUnpinned(int[] pins, boolean[] busy) {
        int n = 0;
        for (int s = head; s >= 0; s = next[s]) {
            if (pins[s] == 0 && !busy[s]) {
                n++;
            }
        }
        return n;
    }

    int size() {
        return size;
    }
}
