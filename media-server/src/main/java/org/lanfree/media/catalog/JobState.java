package org.lanfree.media.catalog;

/**
 * A job's life: {@link #QUEUED} until a media server claims it, then {@link #RUNNING} (or
 * {@link #WAITING} while it waits for a cartridge to be mounted), then one of the end states.
 */
public enum JobState {
    QUEUED,
    RUNNING,
    WAITING,
    DONE,
    FAILED,
    CANCELLED;

    public String code() {
        return Codes.of(this);
    }

    public boolean isEnd() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    public static JobState ofCode(String code) {
        return Codes.parse(JobState.class, code);
    }
}
