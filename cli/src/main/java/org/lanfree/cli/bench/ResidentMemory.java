package org.lanfree.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Samples a process's resident set size (VmRSS) every 100 ms and keeps the largest. */
final class ResidentMemory {

    private final Path status;
    private final Thread sampler;
    private volatile long max;
    private volatile boolean running = true;

    private ResidentMemory(long pid) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
        this.sampler = Thread.ofVirtual().start(this::sample);
    }

    static ResidentMemory watch(long pid) {
        return new ResidentMemory(pid);
    }

    private void sample() {
        while (running) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        max = Math.max(max, kib * 1024);
                    }
                }
                Thread.sleep(100);
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void stop() throws InterruptedException {
        running = false;
        sampler.join();
    }

    long maxBytes() {
        return max;
    }
}
