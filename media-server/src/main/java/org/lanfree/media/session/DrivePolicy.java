package org.lanfree.media.session;

import java.time.Duration;

/**
 * How the {@link DrivePool} mounts cartridges.
 *
 * @param mountWait   how long a job waits with a mount request for a writable cartridge before it fails
 * @param recheck     how often a waiting job looks at the library again between operator notifications
 * @param keepLoaded  whether a released drive keeps its cartridge loaded for the pool's next session
 *                    (otherwise the robot returns it to its slot)
 */
public record DrivePolicy(Duration mountWait, Duration recheck, boolean keepLoaded) {

    public DrivePolicy {
        if (mountWait.isNegative() || recheck.isNegative() || recheck.isZero()) {
            throw new IllegalArgumentException("drive policy: mount wait " + mountWait + ", recheck " + recheck
                    + "; expected a mount wait of zero or more and a positive recheck interval");
        }
    }

    /** Waits an hour for a cartridge, looks again every 5 seconds, unloads after use. */
    public static DrivePolicy defaults() {
        return new DrivePolicy(Duration.ofHours(1), Duration.ofSeconds(5), false);
    }
}
