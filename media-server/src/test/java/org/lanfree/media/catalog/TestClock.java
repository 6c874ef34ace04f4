package org.lanfree.media.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test sets: starts at the real now, moves only when told. */
final class TestClock extends Clock {

    private volatile Instant now = Instant.now();

    /** Puts the clock {@code ago} before the real time now. */
    void setAgo(Duration ago) {
        now = Instant.now().minus(ago);
    }

    void set(Instant instant) {
        now = instant;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
