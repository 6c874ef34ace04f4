package org.lanfree.media.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.lanfree.connect.handshake.FsSession;
import org.lanfree.connect.wire.FrameReader;
import org.lanfree.connect.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a file-tree session's error channel: each {@link Message.FileWarning} is logged and counted. */
final class TreeWarnings {

    private static final Logger log = LoggerFactory.getLogger(TreeWarnings.class);
    private static final int KEPT = 5;

    private final String name;
    private final FsSession session;
    private final AtomicLong count = new AtomicLong();
    private final List<String> first = new ArrayList<>();

    TreeWarnings(String name, FsSession session) {
        this.name = name;
        this.session = session;
    }

    TreeWarnings start() {
        Thread.ofVirtual().name(name + "-errors").start(this::read);
        return this;
    }

    long count() {
        return count.get();
    }

    /**
     * Waits up to {@code max} until {@code expected} warnings were read: the agent counts what it
     * sent on the error channel, which may still be on its way when the control channel says done.
     */
    void await(long expected, java.time.Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (count.get() < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The first few warnings, joined. */
    String first() {
        synchronized (first) {
            return String.join("; ", first);
        }
    }

    private void read() {
        FrameReader in = new FrameReader(session.errors());
        try {
            while (true) {
                if (in.readMessage(Duration.ZERO) instanceof Message.FileWarning w) {
                    long n = count.incrementAndGet();
                    String text = TreeBackupRun.display(w.path()) + ": " + w.text();
                    log.warn("{}: {}", name, text);
                    synchronized (first) {
                        if (n <= KEPT) {
                            first.add(text);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // The agent closes the error channel with the session.
        }
    }
}
