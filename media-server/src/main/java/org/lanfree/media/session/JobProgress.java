package org.lanfree.media.session;

import java.time.Clock;
import java.time.Duration;
import org.lanfree.media.catalog.Catalog;

/**
 * Reports a running job's bytes to the catalog, at most once per interval, so a stream of many
 * frames costs few catalog updates. {@link #NONE} for a session without a job.
 */
public interface JobProgress {

    JobProgress NONE = bytes -> {
    };

    /** {@code bytes} payload bytes are done so far (on tape, or sent back by a restore). */
    void bytes(long bytes);

    static JobProgress of(Catalog catalog, Long job, Duration interval, Clock clock) {
        return job == null ? NONE : new Batched(catalog, job, interval.toMillis(), clock);
    }

    /** Updates the job when the interval has passed since the last update. */
    final class Batched implements JobProgress {

        private final Catalog catalog;
        private final long job;
        private final long intervalMillis;
        private final Clock clock;
        private long nextMillis;

        Batched(Catalog catalog, long job, long intervalMillis, Clock clock) {
            this.catalog = catalog;
            this.job = job;
            this.intervalMillis = intervalMillis;
            this.clock = clock;
            this.nextMillis = clock.millis() + intervalMillis;
        }

        @Override
        public void bytes(long bytes) {
            long now = clock.millis();
            if (now >= nextMillis) {
                catalog.jobs().bytesDone(job, bytes);
                nextMillis = now + intervalMillis;
            }
        }
    }
}
