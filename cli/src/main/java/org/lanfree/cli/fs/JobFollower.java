package org.lanfree.cli.fs;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.deploy.Home;
import org.lanfree.cli.media.AdminCall;
import org.lanfree.media.server.AdminClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows a media server job to its end, printing a progress line at most once a second (bytes,
 * files, rate, and an ETA when the job knows its total) and the mount request while it waits
 * for a cartridge.
 */
final class JobFollower {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final long LINE_NANOS = 1_000_000_000L;

    private final Home home;
    private final PrintWriter out;

    /** {@code out} null prints nothing (--json). */
    JobFollower(Home home, PrintWriter out) {
        this.home = home;
        this.out = out;
    }

    /** Waits for job {@code id} to end; returns its last state. */
    JsonNode follow(long id, String what) {
        long start = System.nanoTime();
        long lastLine = start;
        while (true) {
            JsonNode job = AdminCall.ask(home, AdminClient.request("job").put("id", id));
            String state = job.get("state").asText();
            if (state.equals("done") || state.equals("failed") || state.equals("cancelled")) {
                return job;
            }
            long now = System.nanoTime();
            if (out != null && now - lastLine >= LINE_NANOS) {
                out.println(line(what, job, (now - start) / 1e9));
                out.flush();
                lastLine = now;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
        }
    }

    private static String line(String what, JsonNode job, double seconds) {
        if (!job.path("mountRequest").isNull() && !job.path("mountRequest").isMissingNode()) {
            return what + ": waiting for a cartridge: " + job.get("mountRequest").asText();
        }
        long bytes = job.path("bytesDone").asLong();
        long total = job.path("bytesTotal").asLong(0);
        double rate = seconds > 0 ? bytes / 1e6 / seconds : 0;
        String eta = total > bytes && rate > 0 ? String.format(Locale.ROOT, ", ETA %.0f s",
                (total - bytes) / 1e6 / rate) : "";
        long files = job.path("filesDone").asLong();
        return String.format(Locale.ROOT, "%s: %s%s, %s after %.0f s, %.1f MB/s%s", what, Bytes.format(bytes),
                total > 0 ? " of " + Bytes.format(total) : "", files > 0 ? files + " files" : "running", seconds, rate,
                eta);
    }
}
