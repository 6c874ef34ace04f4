package org.lanfree.media.catalog;

import java.util.List;

/** What one delete obsolete expired. */
public record Expired(List<Long> backupIds, List<Long> walRangeIds) {

    public Expired {
        backupIds = List.copyOf(backupIds);
        walRangeIds = List.copyOf(walRangeIds);
    }
}
