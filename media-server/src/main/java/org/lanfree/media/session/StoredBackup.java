package org.lanfree.media.session;

import java.util.List;
import org.lanfree.media.vtl.Section;

/**
 * A backup a session stored: listed good in the catalog with these facts.
 *
 * @param sha256   the payload's SHA-256 as 64 lower-case hex digits
 * @param bytes    payload bytes (frames stripped)
 * @param sections where the payload lies on tape, in order
 */
public record StoredBackup(long backupId, String sha256, long bytes, List<Section> sections) {

    public StoredBackup {
        sections = List.copyOf(sections);
    }
}
