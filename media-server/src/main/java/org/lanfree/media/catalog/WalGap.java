package org.lanfree.media.catalog;

/** WAL the catalog does not hold on one timeline of a cluster: {@code [fromLsn, toLsn)}. */
public record WalGap(long datasetId, int timeline, long fromLsn, long toLsn) {

    public long bytes() {
        return toLsn - fromLsn;
    }
}
