package org.lanfree.media.staging;

import java.util.List;
import java.util.stream.Collectors;
import org.lanfree.media.vtl.Section;

/**
 * Where a migrated segment lives on tape: the tape file (a backup id and its sections, whose payloads
 * concatenated are one tar archive) and the offset of the segment's data inside that archive.
 */
public record TapeCopy(String tapeFile, List<Section> sections, long offset) {

    public TapeCopy {
        sections = List.copyOf(sections);
    }

    /** E.g. {@code tape file staging-17-1748779200 on LF0001L8 file 3}. */
    public String describe() {
        return "tape file " + tapeFile + " on " + sections.stream()
                .map(s -> s.barcode() + " file " + s.fileNumber()).collect(Collectors.joining(", "));
    }
}
