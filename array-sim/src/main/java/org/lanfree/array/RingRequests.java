package org.lanfree.array;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.lanfree.array.cache.TrackAddress;
import org.lanfree.array.channel.HostSession;
import org.lanfree.array.channel.Outbox;
import org.lanfree.array.channel.Request;
import org.lanfree.array.director.DiskDirector;
import org.lanfree.array.stg.Endpoint;
import org.lanfree.array.stg.Ring;
import org.lanfree.connect.channel.ChannelError;
import org.lanfree.connect.channel.ChannelException;

/**
 * The data path of STP connections: OPEN, COMMIT, PUT, READ, RELEASE and SHUTDOWN on rings. All
 * methods run under the {@link ArrayState} lock and do per-request work only: a request that
 * cannot go on (ring full, no free slot, nothing to read, track on its device) is parked and
 * tried again when what it waits for changes.
 */
final class RingRequests {

    private final ArrayState s;
    private final DiskDirector disk;
    private final int trackSize;
    /** Keep this many slots ready, destaging spilled tracks ahead of need. */
    private final int lowWater;

    RingRequests(ArrayState state, DiskDirector disk) {
        this.s = state;
        this.disk = disk;
        this.trackSize = state.config.trackSize();
        this.lowWater = Math.max(2, state.config.cacheSlots() / 8);
    }

    void open(Request r, Outbox out) throws ChannelException {
        Endpoint ep = s.endpoint(r.host(), r.endpoint());
        Ring ring = ep.out();
        long seq = r.seq();
        if (r.body().limit() >= 28) {
            applyCommit(ep, ring, r.body().getLong(16), r.body().getInt(24), out);
        }
        checkSendable(ep, ring);
        if (seq > ring.opened() || ring.full()) {
            ring.openWaiters().add(r);
            return;
        }
        if (seq < ring.opened()) {
            throw new ChannelException(ChannelError.BAD_REQUEST, "OPEN of track " + seq + " but the next track of the ring is "
                    + ring.opened());
        }
        int slot = s.cache.allocate(ring.trackOf(seq));
        if (slot < 0) {
            waitForSlot(r);
            return;
        }
        ring.open(seq);
        out.ok(r, ByteBuffer.allocate(4).putInt(slot).flip());
        retry(ring.openWaiters(), out);
        keepHeadroom();
    }

    private void checkSendable(Endpoint ep, Ring ring) throws ChannelException {
        if (ring.receiverGone()) {
            throw new ChannelException(ChannelError.PEER_RESET, "STP connection " + ep.connection().id()
                    + ": the receiving end (port " + ep.peerPort() + ") " + ring.receiverGoneReason());
        }
        if (ring.ended() || ep.closed()) {
            throw new ChannelException(ChannelError.CLOSED, "STP connection " + ep.connection().id()
                    + ": sending after the stream was shut down");
        }
    }

    /** COMMIT, and PUT once its payload is in the slot: the track holds {@code fill} bytes. */
    void commit(Request r, Outbox out, int fill) throws ChannelException {
        Endpoint ep = s.endpoint(r.host(), r.endpoint());
        applyCommit(ep, ep.out(), r.seq(), fill, out);
        out.ok(r);
    }

    /** Raises a track's fill; idempotent, so a parked OPEN that carries it may be tried again. */
    private void applyCommit(Endpoint ep, Ring ring, long seq, int fill, Outbox out) throws ChannelException {
        if (ring.receiverGone()) {
            checkSendable(ep, ring);
        }
        if (seq < ring.released()) {
            return;
        }
        if (!ring.holds(seq) || fill < 0 || fill > trackSize) {
            throw new ChannelException(ChannelError.BAD_REQUEST, "COMMIT of track " + seq + " with " + fill
                    + " bytes, but the open tracks are " + ring.released() + "-" + (ring.opened() - 1));
        }
        ring.raiseFill(seq, fill);
        if (fill == trackSize && ring.writerPinned(seq)) {
            ring.writerUnpin(seq);
            s.cache.unpin(s.cache.lookup(ring.trackOf(seq)));
        }
        retry(ring.readWaiters(), out);
        keepHeadroom();
    }

    /** For a PUT on the TCP channel: the slot its payload goes into (pinned by the sender). */
    int slotForPut(HostSession host, long endpoint, long seq, int offset, int length) throws ChannelException {
        Endpoint ep = s.endpoint(host, endpoint);
        Ring ring = ep.out();
        checkSendable(ep, ring);
        if (!ring.holds(seq) || !ring.writerPinned(seq) || offset < 0 || length < 0 || offset + length > trackSize) {
            throw new ChannelException(ChannelError.BAD_REQUEST, "PUT of " + length + " bytes at " + offset
                    + " into track " + seq + ", which is not open for writing (open: " + ring.released() + "-"
                    + (ring.opened() - 1) + ", track size " + trackSize + ")");
        }
        return s.cache.lookup(ring.trackOf(seq));
    }

    void read(Request r, Outbox out) throws ChannelException {
        Endpoint ep = s.endpoint(r.host(), r.endpoint());
        Ring ring = ep.in();
        long seq = r.seq();
        int offset = r.intAt16();
        if (r.body().limit() >= 32 && r.body().getLong(24) >= ring.released()) {
            applyRelease(ring, r.body().getLong(24), out);
        }
        if (ring.resetReason() != null) {
            throw new ChannelException(ChannelError.PEER_RESET, ring.resetReason());
        }
        if (seq < ring.released()) {
            throw new ChannelException(ChannelError.BAD_REQUEST, "READ of track " + seq + ", already released");
        }
        if (ring.atEnd(seq, offset)) {
            out.ok(r, ByteBuffer.allocate(9).putInt(0).putInt(offset).put((byte) 1).flip());
            return;
        }
        if (seq >= ring.opened() || ring.fill(seq) <= offset) {
            ring.readWaiters().add(r);
            return;
        }
        long track = ring.trackOf(seq);
        int slot = s.cache.lookup(track);
        if (slot < 0) {
            stage(r, ring, seq, track);
            return;
        }
        if (s.staging.containsKey(track)) {
            s.staging.get(track).add(r);
            return;
        }
        if (ring.firstRead(seq)) {
            s.cache.countHit();
        }
        if (!ring.readerPinned(seq)) {
            s.cache.pin(slot);
            ring.readerPin(seq, true);
        }
        int fill = ring.fill(seq);
        boolean eof = ring.ended() && seq == ring.eofSeq() && fill == ring.eofFill();
        int n = Math.min(fill - offset, Math.max(0, r.intAt(20)));
        ring.delivered(n);
        s.bytesMoved += n;
        ByteBuffer body = ByteBuffer.allocate(9).putInt(slot).putInt(offset + n).put((byte) (eof && offset + n == fill ? 1 : 0)).flip();
        ByteBuffer payload = r.host().sharedMemory() ? null : s.memory.slot(slot).slice(offset, n);
        out.ok(r.host(), r.tag(), body, payload);
    }

    /** A track that spilled to its device: read it back into a slot (a cache miss). */
    private void stage(Request r, Ring ring, long seq, long track) {
        int slot = s.cache.allocate(track);
        if (slot < 0) {
            waitForSlot(r);
            return;
        }
        List<Request> waiting = new ArrayList<>();
        waiting.add(r);
        s.staging.put(track, waiting);
        ring.firstRead(seq);
        ring.readerPin(seq, true);
        s.cache.countMiss();
        disk.stage(slot, track);
    }

    /** Called by a disk director when a staged track is in its slot. */
    void staged(int slot, long track, Outbox out) {
        s.cache.markClean(slot);
        List<Request> waiting = s.staging.remove(track);
        if (waiting != null) {
            retry(waiting, out);
        }
    }

    /** Called by a disk director when staging failed: the readers get the error. */
    void stageFailed(int slot, long track, String why, Outbox out) {
        List<Request> waiting = s.staging.remove(track);
        if (waiting != null) {
            for (Request r : waiting) {
                out.error(r.host(), r.tag(), ChannelError.CLOSED, "reading spilled track "
                        + TrackAddress.toString(track) + " back from its device failed: " + why);
            }
        }
    }

    void release(Request r, Outbox out) throws ChannelException {
        Endpoint ep = s.endpoint(r.host(), r.endpoint());
        applyRelease(ep.in(), r.seq(), out);
        out.ok(r);
    }

    private void applyRelease(Ring ring, long seq, Outbox out) throws ChannelException {
        if (seq != ring.released() || !ring.holds(seq)) {
            throw new ChannelException(ChannelError.BAD_REQUEST, "RELEASE of track " + seq
                    + " but the next track to release is " + ring.released());
        }
        int slot = s.cache.lookup(ring.trackOf(seq));
        if (slot >= 0) {
            s.cache.free(slot);
        }
        ring.readerPin(seq, false);
        ring.release();
        retry(ring.openWaiters(), out);
        retry(s.slotWaiters, out);
    }

    void shutdown(Request r, Outbox out) throws ChannelException {
        Endpoint ep = s.endpoint(r.host(), r.endpoint());
        long seq = r.seq();
        int fill = r.intAt16();
        Ring ring = ep.out();
        if (!ring.ended() && !ring.receiverGone()) {
            if (fill > 0 && !ring.holds(seq)) {
                throw new ChannelException(ChannelError.BAD_REQUEST, "SHUTDOWN at track " + seq + ", which is not open");
            }
            endStream(ring, seq, fill, out);
        }
        out.ok(r);
    }

    /** Ends the ring's stream at (seq, fill): frees tracks opened beyond it, unpins the last one. */
    void endStream(Ring ring, long seq, int fill, Outbox out) {
        if (fill > 0) {
            ring.raiseFill(seq, fill);
        }
        long keep = fill > 0 ? seq + 1 : seq;
        for (long x = Math.max(ring.released(), seq); x < ring.opened(); x++) {
            if (ring.writerPinned(x)) {
                ring.writerUnpin(x);
                int slot = s.cache.lookup(ring.trackOf(x));
                if (x >= keep) {
                    s.cache.free(slot);
                } else {
                    s.cache.unpin(slot);
                }
            }
        }
        if (keep < ring.opened()) {
            ring.closeOpenedAfter(keep);
        }
        ring.end(seq, fill);
        for (Request w : ArrayState.drain(ring.openWaiters())) {
            out.error(w.host(), w.tag(), ChannelError.CLOSED, "the stream was shut down");
        }
        retry(ring.readWaiters(), out);
        retry(s.slotWaiters, out);
    }

    /** Frees the slots of a ring's tracks that nobody is copying into. */
    void dropData(Ring ring, boolean includingWriterPinned) {
        for (long x = ring.released(); x < ring.opened(); x++) {
            if (ring.writerPinned(x) && !includingWriterPinned) {
                continue;
            }
            int slot = s.cache.lookup(ring.trackOf(x));
            if (slot >= 0) {
                s.cache.free(slot);
            }
            ring.writerUnpin(x);
            ring.readerPin(x, false);
        }
    }

    private void waitForSlot(Request r) {
        s.slotWaiters.add(r);
        keepHeadroom();
    }

    /**
     * Destages the oldest write-pending tracks while fewer than the low-water mark of slots are
     * ready. Runs on every OPEN and COMMIT: the free count alone settles the common case, so the
     * clean list is only counted when the cache is nearly full.
     */
    void keepHeadroom() {
        if (s.slotWaiters.isEmpty() && s.cache.free() >= lowWater) {
            return;
        }
        while (s.destagesInFlight < 4 && (s.cache.available() + s.destagesInFlight < lowWater || !s.slotWaiters.isEmpty())) {
            int slot = s.cache.destageCandidate();
            if (slot < 0) {
                return;
            }
            s.cache.beginDestage(slot);
            s.destagesInFlight++;
            disk.destage(slot, s.cache.address(slot));
        }
    }

    /** Called by a disk director when a track is on its device. */
    void destaged(int slot, Outbox out) {
        s.destagesInFlight--;
        s.cache.endDestage(slot);
        retry(s.slotWaiters, out);
        keepHeadroom();
    }

    void destageFailed(int slot, Outbox out) {
        s.destagesInFlight--;
        s.cache.endDestage(slot);
        retry(s.slotWaiters, out);
    }

    /** Tries parked requests again, in order; those that still cannot go on park again. */
    void retry(List<?> waiters, Outbox out) {
        if (waiters.isEmpty()) {
            return;
        }
        for (Request w : ArrayState.drain(waiters)) {
            try {
                switch (w.op()) {
                    case OPEN -> open(w, out);
                    case READ -> read(w, out);
                    default -> throw new IllegalStateException("request " + w + " cannot wait");
                }
            } catch (ChannelException e) {
                out.error(w, e);
            }
        }
    }
}
