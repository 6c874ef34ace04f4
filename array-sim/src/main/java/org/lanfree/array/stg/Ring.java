package org.lanfree.array.stg;

import java.util.ArrayList;
import java.util.List;

/**
 * One direction of a connection: {@code length} track addresses used in turn. Sequence number s
 * uses track {@code s % length}. Tracks [released, opened) hold data; a track may be reused once
 * the receiver has released it, so a full ring makes the sender wait (flow control).
 */
public final class Ring {

    private final long[] tracks;
    private final int[] fill;
    private final boolean[] writerPin;
    private final boolean[] readerPin;
    private final boolean[] readCounted;
    /** The next sequence number the sender may open. */
    long opened;
    /** Every sequence number below this one has been released by the receiver. */
    long released;
    /** End of stream: sequence number and fill after which the receiver reads end of stream. */
    long eofSeq = -1;
    int eofFill;
    /** Why the receiving endpoint is gone (it closed, or its host detached), or null: the sender gets a reset. */
    String receiverGone;
    /** The sending host vanished without ending the stream: the receiver gets a reset. */
    String resetReason;
    long bytesDelivered;
    final List<Object> openWaiters = new ArrayList<>();
    final List<Object> readWaiters = new ArrayList<>();

    Ring(long[] tracks) {
        this.tracks = tracks;
        this.fill = new int[tracks.length];
        this.writerPin = new boolean[tracks.length];
        this.readerPin = new boolean[tracks.length];
        this.readCounted = new boolean[tracks.length];
    }

    public int length() {
        return tracks.length;
    }

    private int pos(long seq) {
        return (int) Long.remainderUnsigned(seq, tracks.length);
    }

    public long trackOf(long seq) {
        return tracks[pos(seq)];
    }

    long[] tracks() {
        return tracks;
    }

    public boolean full() {
        return opened - released >= tracks.length;
    }

    public boolean holds(long seq) {
        return seq >= released && seq < opened;
    }

    public int fill(long seq) {
        return fill[pos(seq)];
    }

    /** Raises the fill of a held track (a commit never lowers it). */
    public void raiseFill(long seq, int newFill) {
        int p = pos(seq);
        fill[p] = Math.max(fill[p], newFill);
    }

    /** Marks the next sequence number opened by the sender. */
    public void open(long seq) {
        int p = pos(seq);
        fill[p] = 0;
        writerPin[p] = true;
        readerPin[p] = false;
        readCounted[p] = false;
        opened = seq + 1;
    }

    public boolean writerPinned(long seq) {
        return writerPin[pos(seq)];
    }

    public void writerUnpin(long seq) {
        writerPin[pos(seq)] = false;
    }

    public boolean readerPinned(long seq) {
        return readerPin[pos(seq)];
    }

    public void readerPin(long seq, boolean pinned) {
        readerPin[pos(seq)] = pinned;
    }

    /** True the first time a read of this track is counted as a hit or a miss. */
    public boolean firstRead(long seq) {
        int p = pos(seq);
        boolean first = !readCounted[p];
        readCounted[p] = true;
        return first;
    }

    public long opened() {
        return opened;
    }

    public long released() {
        return released;
    }

    public void release() {
        released++;
    }

    public void closeOpenedAfter(long seq) {
        opened = seq;
    }

    public long eofSeq() {
        return eofSeq;
    }

    public int eofFill() {
        return eofFill;
    }

    public boolean ended() {
        return eofSeq >= 0;
    }

    public void end(long seq, int fillAtEnd) {
        eofSeq = seq;
        eofFill = fillAtEnd;
    }

    /** Whether a read at (seq, offset) is at or past the end of stream. */
    public boolean atEnd(long seq, int offset) {
        return eofSeq >= 0 && (seq > eofSeq || (seq == eofSeq && offset >= eofFill));
    }

    public boolean receiverGone() {
        return receiverGone != null;
    }

    /** Why the receiving end is gone, for the sender's error. */
    public String receiverGoneReason() {
        return receiverGone;
    }

    public void receiverGone(String why) {
        if (receiverGone == null) {
            receiverGone = why;
        }
    }

    public String resetReason() {
        return resetReason;
    }

    public void reset(String reason) {
        if (resetReason == null) {
            resetReason = reason;
        }
    }

    public long bytesDelivered() {
        return bytesDelivered;
    }

    public void delivered(long n) {
        bytesDelivered += n;
    }

    public List<Object> openWaiters() {
        return openWaiters;
    }

    public List<Object> readWaiters() {
        return readWaiters;
    }
}
