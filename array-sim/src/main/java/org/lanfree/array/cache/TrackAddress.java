package org.lanfree.array.cache;

/** A track address packed in a long: device in the high half, track in the low half. */
public final class TrackAddress {

    private TrackAddress() {
    }

    public static long of(int device, int track) {
        return ((long) device << 32) | (track & 0xFFFF_FFFFL);
    }

    public static int device(long address) {
        return (int) (address >>> 32);
    }

    public static int track(long address) {
        return (int) address;
    }

    public static String toString(long address) {
        return device(address) + ":" + track(address);
    }
}
