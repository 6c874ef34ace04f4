package org.lanfree.array.director;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.lanfree.array.channel.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A front-end director: a bounded request queue served by its own worker thread. */
public final class ChannelDirector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChannelDirector.class);
    private static final int BATCH = 32;

    private final String name;
    private final BlockingQueue<Request> queue;
    private final int capacity;
    private final long serviceNanos;
    private final RequestHandler handler;
    private final Thread worker;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private volatile boolean running = true;

    public ChannelDirector(String name, int capacity, int serviceMicros, RequestHandler handler) {
        this.name = name;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.serviceNanos = TimeUnit.MICROSECONDS.toNanos(serviceMicros);
        this.handler = handler;
        this.worker = new Thread(this::serve, "director-" + name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues a request; blocks while the queue is full, so the host sending it waits. */
    public void submit(Request r) throws InterruptedException {
        if (!queue.offer(r)) {
            waits.incrementAndGet();
            queue.put(r);
        }
    }

    /**
     * Takes what the queue holds, up to a batch, and serves it in one go: under load many
     * requests share one lock acquisition and one reply write per host.
     */
    private void serve() {
        List<Request> batch = new ArrayList<>(BATCH);
        while (running) {
            Request r;
            try {
                r = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (r == null) {
                continue;
            }
            batch.add(r);
            if (serviceNanos > 0) {
                LockSupport.parkNanos(serviceNanos);
            } else {
                queue.drainTo(batch, BATCH - 1);
            }
            try {
                handler.handle(batch);
            } catch (RuntimeException e) {
                log.error("director {}: requests {} failed", name, batch, e);
            }
            served.addAndGet(batch.size());
            batch.clear();
        }
    }

    public String name() {
        return name;
    }

    public int queueDepth() {
        return queue.size();
    }

    public int queueCapacity() {
        return capacity;
    }

    public long served() {
        return served.get();
    }

    /** How often a host found the queue full and had to wait. */
    public long waits() {
        return waits.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        worker.interrupt();
        worker.join(2000);
    }
}
