package org.lanfree.media.staging;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.lanfree.media.vtl.Section;

/**
 * Reads back the payload of a tape file written by a migration: typically a
 * {@link org.lanfree.media.vtl.TapeFileReader} over its sections, mounting each cartridge in a drive.
 * The stream must fail rather than return bytes of a damaged block.
 */
@FunctionalInterface
public interface TapeSource {

    /** Opens the payload (the tar archive) of tape file {@code tapeFile}, stored in {@code sections}. */
    InputStream open(String tapeFile, List<Section> sections) throws IOException;
}
