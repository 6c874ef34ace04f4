package org.lanfree.media.catalog;

import java.time.Duration;
import java.util.List;

/**
 * What a policy should say; {@link Policies#put} creates or updates the policy of that name.
 *
 * @param retentionDays the recovery window: restores to any moment of the last N days stay possible
 * @param backupEvery   the newest good backup of any level may be this old before one is due; null: never due
 * @param fullEvery     the newest good full may be this old before a full is due; null: never
 * @param excludes      file-tree exclude patterns
 * @param maxRateKbps   a limit on what one backup reads per second (PostgreSQL's MAX_RATE); null: none
 */
public record PolicySpec(String name, String pool, int retentionDays, Compression compression, Duration backupEvery,
                         Duration fullEvery, List<String> excludes, boolean oneFileSystem, Integer maxRateKbps) {

    public PolicySpec {
        Names.require("policy name", name, Names.NAME);
        Names.require("policy " + name + " pool", pool, Names.NAME);
        if (retentionDays < 0) {
            throw CatalogException.refused("policy " + name + ": retention " + retentionDays + " days, expected 0 or more");
        }
        positive(name, "backupEvery", backupEvery);
        positive(name, "fullEvery", fullEvery);
        if (maxRateKbps != null && maxRateKbps <= 0) {
            throw CatalogException.refused("policy " + name + ": max rate " + maxRateKbps + " kB/s, expected more than 0 or none");
        }
        compression = compression == null ? Compression.NONE : compression;
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        for (String pattern : excludes) {
            if (pattern.isEmpty() || pattern.contains("\n")) {
                throw CatalogException.refused("policy " + name + ": exclude pattern '" + pattern
                        + "' is empty or holds a newline, expected one pattern per entry");
            }
        }
    }

    /** A policy with no schedule, no compression, no excludes. */
    public static PolicySpec of(String name, String pool, int retentionDays) {
        return new PolicySpec(name, pool, retentionDays, Compression.NONE, null, null, List.of(), false, null);
    }

    public PolicySpec withCompression(Compression value) {
        return new PolicySpec(name, pool, retentionDays, value, backupEvery, fullEvery, excludes, oneFileSystem, maxRateKbps);
    }

    /** The schedule: any backup due after {@code backup}, a full due after {@code full}. */
    public PolicySpec withSchedule(Duration backup, Duration full) {
        return new PolicySpec(name, pool, retentionDays, compression, backup, full, excludes, oneFileSystem, maxRateKbps);
    }

    public PolicySpec withExcludes(List<String> patterns, boolean oneFs) {
        return new PolicySpec(name, pool, retentionDays, compression, backupEvery, fullEvery, patterns, oneFs, maxRateKbps);
    }

    public PolicySpec withMaxRate(Integer kbps) {
        return new PolicySpec(name, pool, retentionDays, compression, backupEvery, fullEvery, excludes, oneFileSystem, kbps);
    }

    private static void positive(String name, String what, Duration d) {
        if (d != null && (d.isNegative() || d.toSeconds() == 0)) {
            throw CatalogException.refused("policy " + name + ": " + what + " is " + d + ", expected at least one second or none");
        }
    }
}
