package org.lanfree.array.director;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.lanfree.array.cache.TrackAddress;
import org.lanfree.array.device.Device;
import org.lanfree.connect.channel.CacheMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back-end directors: worker threads that copy tracks between cache slots and devices. Jobs
 * are queued without blocking (the array's lock may be held); the result goes to {@link DiskWork}.
 */
public final class DiskDirector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiskDirector.class);

    private record Job(boolean destage, int slot, long track) {
    }

    private final CacheMemory memory;
    private final Map<Integer, Device> devices;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong destaged = new AtomicLong();
    private final AtomicLong staged = new AtomicLong();
    private volatile DiskWork callback;
    private volatile boolean running = true;

    public DiskDirector(int count, CacheMemory memory, Map<Integer, Device> devices) {
        this.memory = memory;
        this.devices = devices;
        for (int i = 1; i <= count; i++) {
            Thread t = new Thread(this::serve, "director-DA-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
    }

    public void start(DiskWork work) {
        this.callback = work;
        workers.forEach(Thread::start);
    }

    public void destage(int slot, long track) {
        queue.add(new Job(true, slot, track));
    }

    public void stage(int slot, long track) {
        queue.add(new Job(false, slot, track));
    }

    private void serve() {
        while (running) {
            Job job;
            try {
                job = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (job == null) {
                continue;
            }
            Exception failure = null;
            try {
                Device d = devices.get(TrackAddress.device(job.track()));
                if (job.destage()) {
                    d.writeTrack(TrackAddress.track(job.track()), memory.slot(job.slot()));
                    destaged.incrementAndGet();
                } else {
                    d.readTrack(TrackAddress.track(job.track()), memory.slot(job.slot()));
                    staged.incrementAndGet();
                }
            } catch (Exception e) {
                failure = e;
                log.error("disk director: {} of track {} (slot {}) failed: {}", job.destage() ? "destage" : "stage",
                        TrackAddress.toString(job.track()), job.slot(), e.toString());
            }
            if (job.destage()) {
                callback.destaged(job.slot(), job.track(), failure);
            } else {
                callback.staged(job.slot(), job.track(), failure);
            }
        }
    }

    public int count() {
        return workers.size();
    }

    public int queueDepth() {
        return queue.size();
    }

    public long destagedTracks() {
        return destaged.get();
    }

    public long stagedTracks() {
        return staged.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : workers) {
            t.interrupt();
            t.join(2000);
        }
    }
}
