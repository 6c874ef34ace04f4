package org.lanfree.connect.stp;

import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.lanfree.connect.channel.ChannelException;

/** The array's answer to one request, filled in by the link's reader thread. */
final class Reply {

    private final int tag;
    private final ByteBuffer payloadTarget;
    private volatile boolean done;
    private volatile Thread waiter;
    private ByteBuffer body;
    private ChannelException error;
    private int payloadLength;
    private Consumer<Reply> callback;

    Reply(int tag, ByteBuffer payloadTarget) {
        this.tag = tag;
        this.payloadTarget = payloadTarget;
    }

    int tag() {
        return tag;
    }

    /** Where the reader thread puts a reply's payload (TCP channel), or null. */
    ByteBuffer payloadTarget() {
        return payloadTarget;
    }

    void complete(ByteBuffer body, int payloadLength) {
        this.body = body;
        this.payloadLength = payloadLength;
        finish();
    }

    void fail(ChannelException error) {
        this.error = error;
        finish();
    }

    private void finish() {
        Consumer<Reply> cb;
        synchronized (this) {
            done = true;
            cb = callback;
        }
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
        if (cb != null) {
            cb.accept(this);
        }
    }

    /** Runs {@code cb} on completion, at once if already complete. */
    void whenDone(Consumer<Reply> cb) {
        boolean now;
        synchronized (this) {
            now = done;
            if (!now) {
                callback = cb;
            }
        }
        if (now) {
            cb.accept(this);
        }
    }

    boolean isDone() {
        return done;
    }

    /** Failure of a completed reply, or null. */
    ChannelException error() {
        return error;
    }

    int payloadLength() {
        return payloadLength;
    }

    /**
     * Waits for the reply and returns its body; throws the array's error. {@code timeoutNanos}
     * 0 waits forever; on a timeout the reply stays pending and may be awaited again.
     */
    ByteBuffer await(long timeoutNanos, String what) throws ChannelException, SocketTimeoutException {
        if (!done) {
            long deadline = System.nanoTime() + timeoutNanos;
            waiter = Thread.currentThread();
            try {
                while (!done) {
                    if (timeoutNanos == 0) {
                        LockSupport.park(this);
                    } else {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new SocketTimeoutException(what + ": no answer within "
                                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                        }
                        LockSupport.parkNanos(this, left);
                    }
                    if (Thread.interrupted()) {
                        Thread.currentThread().interrupt();
                        throw new SocketTimeoutException(what + ": interrupted while waiting");
                    }
                }
            } finally {
                waiter = null;
            }
        }
        if (error != null) {
            throw new ChannelException(error.error(), error.getMessage(), error);
        }
        return body;
    }
}
