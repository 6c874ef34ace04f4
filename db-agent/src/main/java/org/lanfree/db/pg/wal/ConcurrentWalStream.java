package org.lanfree.db.pg.wal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.lanfree.db.pg.wire.BackendMessage;
import org.lanfree.db.pg.wire.PgProtocolException;
import org.lanfree.db.pg.wire.ReplicationConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams WAL from a slot on its own thread while something else runs (BASE_BACKUP), and
 * hands it over as whole segments through a queue of {@code capacity} segments, which the
 * consumer takes when it can ({@link #drain}). Memory: the queue plus the segment being filled.
 *
 * <p>When the consumer falls behind and the queue stays full for {@link #PAUSE_AFTER}, the
 * stream <em>pauses</em>: it ends its CopyBoth rather than block longer, because a walsender
 * that hears nothing for wal_sender_timeout drops the session; the slot keeps the rest, and
 * the next {@link #drain} that empties the queue starts streaming again from there. Flush is
 * reported only up to what the consumer took, so the server recycles exactly the WAL that is
 * handed over.
 * {@link #finish} stops the stream and hands over what ends by a given LSN; the caller streams
 * the remainder from the slot afterwards ({@link WalReceiver}).
 */
public final class ConcurrentWalStream {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentWalStream.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    /** Far below any sensible wal_sender_timeout (60 s by default). */
    static final Duration PAUSE_AFTER = Duration.ofSeconds(2);

    /** One complete segment file. */
    public record Segment(String fileName, Lsn start, byte[] data) {
        public Lsn end() {
            return start.plus(data.length);
        }
    }

    private final ReplicationConnection connection;
    private final WalSegments segments;
    private final String slot;
    private final int timeline;
    private final ArrayBlockingQueue<Segment> ready;
    private final Object stopLock = new Object();
    private volatile Lsn taken;
    private volatile Lsn received;
    private volatile boolean paused;
    private volatile RuntimeException failure;
    private boolean streaming;
    private boolean stopRequested;
    private boolean copyDoneSent;
    private volatile Thread thread;
    private volatile int pauses;

    /** Will stream {@code timeline} from the start of the segment holding {@code from}. */
    public ConcurrentWalStream(ReplicationConnection connection, WalSegments segments, String slot, int timeline,
                               Lsn from, int capacity) {
        this.connection = connection;
        this.segments = segments;
        this.slot = slot;
        this.timeline = timeline;
        this.ready = new ArrayBlockingQueue<>(capacity);
        this.taken = segments.segmentStart(from);
        this.received = taken;
    }

    public void start() {
        thread = Thread.ofPlatform().daemon().name("wal-" + slot).start(this::run);
    }

    /**
     * Hands the segments complete now to {@code consumer}, in order, on the caller's thread; after
     * a pause, starts streaming again once the queue is empty and the paused stream has ended.
     * Rethrows a failure of the stream.
     */
    public void drain(Consumer<Segment> consumer) {
        if (failure != null) {
            throw failure; // fail the backup now rather than after all its data
        }
        boolean any = false;
        for (Segment s; (s = ready.poll()) != null; ) {
            consumer.accept(s);
            taken = s.end();
            any = true;
        }
        if (any) {
            sendStatus();
        }
        if (paused && ready.isEmpty() && !thread.isAlive() && failure == null) {
            synchronized (stopLock) {
                if (stopRequested) {
                    return;
                }
                streaming = false;
                copyDoneSent = false;
            }
            paused = false;
            received = taken;
            start();
        }
    }

    /**
     * Stops the stream, then hands over the queued segments that end at or before {@code until};
     * returns where the WAL handed over so far ends (a segment boundary). Rethrows the stream's failure.
     */
    public Lsn finish(Lsn until, Consumer<Segment> consumer) {
        stop();
        if (failure != null) {
            throw failure;
        }
        for (Segment s; (s = ready.peek()) != null && !until.isBefore(s.end()); ) {
            if (!s.start().equals(taken)) {
                throw new IllegalStateException("queued WAL segment " + s.fileName() + " starts at " + s.start()
                        + ", expected " + taken + " (the end of the WAL handed over)");
            }
            ready.poll();
            consumer.accept(s);
            taken = s.end();
        }
        ready.clear();
        return taken;
    }

    /** Stops the stream without handing anything over (the backup failed); the session stays open. */
    public void abandon() {
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.debug("wal {}: stopping after a failure: {}", slot, e.getMessage());
        }
        ready.clear();
    }

    /** True while the stream is paused because the consumer fell behind. */
    public boolean paused() {
        return paused;
    }

    /** How often the stream paused so far. */
    public int pauses() {
        return pauses;
    }

    /** The end of the WAL handed over so far. */
    public Lsn taken() {
        return taken;
    }

    private void stop() {
        if (thread == null) {
            return;
        }
        synchronized (stopLock) {
            stopRequested = true;
            sendCopyDoneOnce();
        }
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the WAL stream of slot " + slot, e);
        }
        if (thread.isAlive()) {
            throw new PgProtocolException("the WAL stream of slot " + slot + " did not end within "
                    + STOP_WAIT.toSeconds() + " s of CopyDone; HINT: see the server log");
        }
    }

    private void run() {
        try {
            connection.send("START_REPLICATION SLOT \"" + slot + "\" PHYSICAL " + taken + " TIMELINE " + timeline);
            BackendMessage first = connection.next();
            if (!(first instanceof BackendMessage.CopyResponse r) || r.kind() != BackendMessage.CopyResponse.BOTH) {
                throw connection.unexpected(first, "CopyBothResponse");
            }
            synchronized (stopLock) {
                streaming = true;
                if (stopRequested) {
                    sendCopyDoneOnce();
                }
            }
            sendStatus(); // after a pause: what was taken meanwhile may be released now
            receive();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Reads until the server ends the stream; the session is ready for the next command after it. */
    private void receive() {
        Lsn segStart = received;
        byte[] buffer = null;
        int fill = 0;
        while (true) {
            BackendMessage m = connection.next();
            if (m instanceof BackendMessage.CopyDone) {
                synchronized (stopLock) {
                    sendCopyDoneOnce(); // the server ended first (end of timeline): answer in kind
                }
                while (!(connection.next() instanceof BackendMessage.ReadyForQuery)) {
                    // the server's command tags (and, after a timeline's end, the next_tli row)
                }
                return;
            }
            if (!(m instanceof BackendMessage.CopyData d)) {
                throw connection.unexpected(m, "CopyData with WAL or a keepalive");
            }
            ByteBuffer p = d.payload();
            byte kind = p.get();
            if (kind == 'k') {
                p.getLong();
                p.getLong();
                if (p.get() != 0) {
                    sendStatus();
                }
                continue;
            }
            if (kind != 'w') {
                throw new PgProtocolException("WAL stream message of type '" + (char) kind + "', expected 'w' or 'k'");
            }
            Lsn dataStart = new Lsn(p.getLong());
            p.getLong();
            p.getLong();
            if (stopping()) {
                continue; // in flight after our CopyDone
            }
            if (!dataStart.equals(received)) {
                throw new PgProtocolException("XLogData starts at " + dataStart + ", expected " + received
                        + ": the WAL stream has a gap");
            }
            while (p.hasRemaining() && !stopping()) {
                if (buffer == null) {
                    buffer = new byte[(int) segments.size()];
                }
                int n = Math.min(p.remaining(), buffer.length - fill);
                p.get(buffer, fill, n);
                fill += n;
                received = received.plus(n);
                if (fill == buffer.length) {
                    Segment seg = new Segment(segments.fileName(timeline, segStart), segStart, buffer);
                    if (!offer(seg)) {
                        pause(seg);
                    }
                    buffer = null;
                    fill = 0;
                    segStart = received;
                }
            }
        }
    }

    private boolean offer(Segment seg) {
        try {
            return ready.offer(seg, PAUSE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing over WAL segment " + seg.fileName(), e);
        }
    }

    private void pause(Segment notQueued) {
        paused = true;
        pauses++;
        LOG.debug("wal {}: consumer behind at {}, pausing; the slot keeps the WAL from {}", slot, notQueued.start(), taken);
        synchronized (stopLock) {
            sendCopyDoneOnce();
        }
    }

    private boolean stopping() {
        synchronized (stopLock) {
            return copyDoneSent;
        }
    }

    /** Written up to what arrived, flushed up to what the consumer took. */
    private void sendStatus() {
        synchronized (stopLock) {
            if (streaming && !copyDoneSent) {
                byte[] status = StandbyStatus.encode(received, taken);
                connection.sendCopyData(status, 0, status.length);
            }
        }
    }

    /** Caller holds stopLock. CopyDone may be sent once, and only while streaming. */
    private void sendCopyDoneOnce() {
        if (streaming && !copyDoneSent) {
            copyDoneSent = true;
            connection.sendCopyDone();
        }
    }
}
