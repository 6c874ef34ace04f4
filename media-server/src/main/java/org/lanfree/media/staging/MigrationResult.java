package org.lanfree.media.staging;

import java.util.List;
import org.lanfree.media.vtl.Section;

/**
 * What one migration did.
 *
 * @param tapeFile     the tape file's backup id; empty when nothing was waiting
 * @param sections     where the tape file is
 * @param migrated     the segments it holds, in archive order
 * @param archiveBytes the tar archive's length
 * @param dropped      the local copies deleted afterwards
 */
public record MigrationResult(String tapeFile, List<Section> sections, List<Segment> migrated, long archiveBytes,
        List<Segment> dropped) {

    public MigrationResult {
        sections = List.copyOf(sections);
        migrated = List.copyOf(migrated);
        dropped = List.copyOf(dropped);
    }

    static MigrationResult nothing() {
        return new MigrationResult("", List.of(), List.of(), 0, List.of());
    }

    public boolean isEmpty() {
        return migrated.isEmpty();
    }
}
