package org.lanfree.media.session;

import java.time.Duration;
import org.lanfree.connect.wire.Frame;

/**
 * The limits a session holds its sender to.
 *
 * @param readTimeout      longest silence between two frames before the session gives up
 * @param maxFrameLength   largest frame length field accepted
 * @param progressInterval least time between two progress updates of the job in the catalog
 * @param driveWait        longest wait in the drive queue before the session gives up
 */
public record SessionLimits(Duration readTimeout, int maxFrameLength, Duration progressInterval,
        Duration driveWait) {

    public SessionLimits {
        if (readTimeout.isNegative() || readTimeout.isZero() || progressInterval.isNegative()
                || driveWait.isNegative() || maxFrameLength < 1) {
            throw new IllegalArgumentException("session limits: read timeout " + readTimeout + ", max frame "
                    + maxFrameLength + ", progress interval " + progressInterval + ", drive wait " + driveWait
                    + "; expected a positive read timeout and frame length, and no negative duration");
        }
    }

    /** One minute of silence, 16 MiB frames, progress every second, an hour in the drive queue. */
    public static SessionLimits defaults() {
        return new SessionLimits(Duration.ofMinutes(1), Frame.DEFAULT_MAX_LENGTH, Duration.ofSeconds(1),
                Duration.ofHours(1));
    }

    public SessionLimits withReadTimeout(Duration value) {
        return new SessionLimits(value, maxFrameLength, progressInterval, driveWait);
    }

    public SessionLimits withProgressInterval(Duration value) {
        return new SessionLimits(readTimeout, maxFrameLength, value, driveWait);
    }

    public SessionLimits withDriveWait(Duration value) {
        return new SessionLimits(readTimeout, maxFrameLength, progressInterval, value);
    }
}
