package org.lanfree.connect.stp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

import org.lanfree.connect.channel.ChannelException;
import org.lanfree.connect.channel.Op;

/**
 * The receiving half of an STP connection: drains the tracks of the inbound ring in order.
 * <pre>
 *   READ(seq, offset) -> slot, fill, eof     waits until the track holds more than offset bytes;
 *                                            a full track makes up to depth next ones be asked for
 *   (copy out of the slot, or out of the payload on the TCP channel)
 *   RELEASE(seq)                             the track is drained: its slot is freed, no destage
 *                                            (riding on the next read ahead when one is due)
 * </pre>
 */
final class StpReceiver {

    /** A READ asked for and where its payload lands (TCP channel). */
    private record PendingRead(Reply reply, int offset, ByteBuffer buffer) {
    }

    private final ArrayDriver driver;
    private final long endpoint;
    private final int trackSize;
    private final int depth;
    private final ByteBuffer body = ByteBuffer.allocate(32);
    /** Reads asked for: the current track's first, then whole tracks ahead. */
    private final ArrayDeque<PendingRead> reads = new ArrayDeque<>();
    /** TCP channel only: buffers free for the payload of further reads. */
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();

    private long seq;
    private long nextToRead = 1;
    private int offset;
    private boolean granted;
    private ByteBuffer source;
    private ByteBuffer sourceBuffer;
    private int sourceBase;
    private int fill;
    private boolean eof;
    private volatile ChannelException failure;

    StpReceiver(ArrayDriver driver, long endpoint, int depth) {
        this.driver = driver;
        this.endpoint = endpoint;
        this.trackSize = driver.trackSize();
        this.depth = driver.sharedMemory() ? depth : Math.min(depth, 2);
        if (!driver.sharedMemory()) {
            for (int i = 0; i <= this.depth; i++) {
                spare.add(ByteBuffer.allocate(trackSize));
            }
        }
    }

    synchronized int recv(ByteBuffer dst, long timeoutNanos) throws IOException {
        ChannelException f = failure;
        if (f != null) {
            throw new ChannelException(f.error(), f.getMessage(), f);
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        while (true) {
            if (!granted) {
                if (reads.isEmpty()) {
                    reads.addFirst(read(seq, offset));
                }
                PendingRead p = reads.peekFirst();
                ByteBuffer r = p.reply().await(timeoutNanos, "STP recv: waiting for data");
                reads.removeFirst();
                int slot = r.getInt();
                fill = r.getInt();
                eof = r.get() != 0;
                if (driver.sharedMemory()) {
                    source = driver.memory().slot(slot);
                    sourceBase = 0;
                } else {
                    source = p.buffer();
                    sourceBuffer = p.buffer();
                    sourceBase = p.offset();
                }
                granted = true;
                if (fill == trackSize) {
                    readAhead();
                }
            }
            int n = Math.min(dst.remaining(), fill - offset);
            if (n > 0) {
                dst.put(dst.position(), source, offset - sourceBase, n);
                dst.position(dst.position() + n);
                offset += n;
            }
            if (offset == fill) {
                if (eof) {
                    return n > 0 ? n : -1;
                }
                advance();
            }
            if (n > 0) {
                return n;
            }
        }
    }

    /** Asks for whole tracks past the current one, up to {@code depth}. */
    private void readAhead() throws ChannelException {
        nextToRead = Math.max(nextToRead, seq + 1);
        while (nextToRead <= seq + depth && (driver.sharedMemory() || !spare.isEmpty())) {
            reads.addLast(read(nextToRead++, 0));
        }
    }

    /** The current track is drained: release it and move on, or ask for more of it. */
    private void advance() throws ChannelException {
        granted = false;
        if (sourceBuffer != null) {
            spare.add(sourceBuffer);
            sourceBuffer = null;
        }
        if (fill == trackSize) {
            releaseAndReadAhead(seq);
            seq++;
            offset = 0;
        }
        if (reads.isEmpty() || fill < trackSize) {
            reads.addFirst(read(seq, offset));
        }
    }

    /** Releases the drained track {@code s}, in the same request as the next read ahead when one is due. */
    private void releaseAndReadAhead(long s) throws ChannelException {
        if (nextToRead <= s + 1 + depth && (driver.sharedMemory() || !spare.isEmpty())) {
            reads.addLast(read(nextToRead++, 0, s));
            return;
        }
        body.clear();
        body.putLong(endpoint).putLong(s).flip();
        watch(driver.link().send(Op.RELEASE, body, null, null));
    }

    private PendingRead read(long s, int off) throws ChannelException {
        return read(s, off, -1);
    }

    private PendingRead read(long s, int off, long release) throws ChannelException {
        body.clear();
        body.putLong(endpoint).putLong(s).putInt(off).putInt(trackSize - off);
        if (release >= 0) {
            body.putLong(release);
        }
        body.flip();
        ByteBuffer target = null;
        if (!driver.sharedMemory()) {
            target = spare.poll();
            target.clear();
        }
        return new PendingRead(driver.link().send(Op.READ, body, null, target), off, target);
    }

    private void watch(Reply reply) {
        reply.whenDone(r -> {
            if (r.error() != null && failure == null) {
                failure = r.error();
            }
        });
    }
}
