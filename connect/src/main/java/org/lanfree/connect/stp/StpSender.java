package org.lanfree.connect.stp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

import org.lanfree.connect.channel.ChannelException;
import org.lanfree.connect.channel.Op;

/**
 * The sending half of an STP connection: fills the tracks of the outbound ring in order.
 * <pre>
 *   OPEN(seq)  -> slot          granted when the ring has room; up to depth tracks are asked for ahead
 *   (copy into the slot, or PUT the bytes on the TCP channel)
 *   COMMIT(seq, fill)           a full track at once (riding on the next OPEN when one is due);
 *                               a partial one at the end of each send,
 *                               at most one partial commit in flight (later ones merge into it)
 *   SHUTDOWN(seq, fill)         end of stream
 * </pre>
 */
final class StpSender {

    private final ArrayDriver driver;
    private final long endpoint;
    private final int trackSize;
    private final ByteBuffer body = ByteBuffer.allocate(32);
    private final ByteBuffer commitBody = ByteBuffer.allocate(32);

    private final int depth;
    /** Grants asked for: tracks seq, seq+1, ... nextToOpen-1. */
    private final ArrayDeque<Reply> opens = new ArrayDeque<>();
    private long nextToOpen;
    private long seq;
    private ByteBuffer slot;
    private boolean granted;
    /** seq * trackSize + fill of the newest byte written; read by the commit callback. */
    private volatile long written;
    private boolean partialInFlight;
    private boolean partialDirty;
    private long partialCommitted;
    private volatile ChannelException failure;
    private boolean shut;

    StpSender(ArrayDriver driver, long endpoint, int depth) {
        this.driver = driver;
        this.endpoint = endpoint;
        this.trackSize = driver.trackSize();
        this.depth = depth;
    }

    synchronized void send(ByteBuffer src, long timeoutNanos) throws IOException {
        checkUsable();
        while (src.hasRemaining()) {
            int fill = (int) (written - seq * trackSize);
            if (!granted) {
                openAhead();
                int index = opens.peekFirst().await(timeoutNanos, "STP send: waiting for ring room").getInt();
                opens.removeFirst();
                granted = true;
                openAhead();
                slot = driver.sharedMemory() ? driver.memory().slot(index) : null;
            }
            if (driver.sharedMemory()) {
                int n = Math.min(src.remaining(), trackSize - fill);
                slot.put(fill, src, src.position(), n);
                src.position(src.position() + n);
                fill += n;
            } else {
                int n = Math.min(src.remaining(), trackSize - fill);
                ByteBuffer payload = src.slice(src.position(), n);
                body.clear();
                body.putLong(endpoint).putLong(seq).putInt(fill).flip();
                watch(driver.link().send(Op.PUT, body, payload, null));
                src.position(src.position() + n);
                fill += n;
            }
            written = seq * trackSize + fill;
            if (fill == trackSize) {
                if (driver.sharedMemory()) {
                    commitAndOpenAhead(seq);
                }
                seq++;
                slot = null;
                granted = false;
            }
        }
        if (driver.sharedMemory()) {
            commitPartial();
        }
    }

    /** Keeps grants asked for up to {@code depth} tracks past the current one. */
    private void openAhead() throws ChannelException {
        while (nextToOpen <= seq + depth) {
            opens.addLast(open(nextToOpen++));
        }
    }

    private Reply open(long s) throws ChannelException {
        body.clear();
        body.putLong(endpoint).putLong(s).flip();
        return driver.link().send(Op.OPEN, body, null, null);
    }

    /** Commits the full track {@code s}, in the same request as the next grant asked for when one is due. */
    private void commitAndOpenAhead(long s) throws ChannelException {
        if (nextToOpen > s + 1 + depth) {
            commit(s, trackSize);
            return;
        }
        body.clear();
        body.putLong(endpoint).putLong(nextToOpen).putLong(s).putInt(trackSize).flip();
        opens.addLast(driver.link().send(Op.OPEN, body, null, null));
        nextToOpen++;
    }

    private void commit(long s, int fill) throws ChannelException {
        body.clear();
        body.putLong(endpoint).putLong(s).putInt(fill).flip();
        watch(driver.link().send(Op.COMMIT, body, null, null));
    }

    /** Makes the bytes written so far visible; merges with a partial commit already in flight. */
    private void commitPartial() throws ChannelException {
        Reply reply;
        synchronized (commitBody) {
            long w = written;
            if (w == partialCommitted || w % trackSize == 0) {
                return;
            }
            if (partialInFlight) {
                partialDirty = true;
                return;
            }
            partialInFlight = true;
            partialCommitted = w;
            commitBody.clear();
            commitBody.putLong(endpoint).putLong(w / trackSize).putInt((int) (w % trackSize)).flip();
            reply = driver.link().send(Op.COMMIT, commitBody, null, null);
        }
        reply.whenDone(this::onPartialCommitted);
    }

    private void onPartialCommitted(Reply reply) {
        if (reply.error() != null) {
            failure = reply.error();
        }
        boolean again;
        synchronized (commitBody) {
            partialInFlight = false;
            again = partialDirty;
            partialDirty = false;
        }
        if (again && failure == null) {
            try {
                commitPartial();
            } catch (ChannelException e) {
                failure = e;
            }
        }
    }

    private void watch(Reply reply) {
        reply.whenDone(r -> {
            if (r.error() != null && failure == null) {
                failure = r.error();
            }
        });
    }

    private void checkUsable() throws IOException {
        if (shut) {
            throw new IOException("STP send after shutdownOutput: the stream is already ended");
        }
        ChannelException f = failure;
        if (f != null) {
            throw new ChannelException(f.error(), f.getMessage(), f);
        }
    }

    /** Ends the stream after the bytes sent; the peer reads end of stream. */
    synchronized void shutdown(long timeoutNanos) throws IOException {
        if (shut) {
            return;
        }
        checkUsable();
        shut = true;
        long w = written;
        body.clear();
        body.putLong(endpoint).putLong(w / trackSize).putInt((int) (w % trackSize)).flip();
        driver.link().send(Op.SHUTDOWN, body, null, null).await(timeoutNanos, "STP shutdown");
    }

    boolean isShut() {
        return shut;
    }
}
