package org.lanfree.media.staging;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.lanfree.media.vtl.BackupInfo;
import org.lanfree.media.vtl.Section;

/**
 * Where a migration writes its tape file: typically a drive of the tape library, loaded with a cartridge
 * of the staging pool's tape pool, and a {@link org.lanfree.media.vtl.TapeFileWriter} on it.
 */
@FunctionalInterface
public interface TapeTarget {

    /** The tape file's payload, written by the pool. */
    @FunctionalInterface
    interface Payload {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes one tape file for {@code backup} holding the bytes {@code payload} writes, makes it final
     * (the writer's {@code finish()}), and returns its sections. If {@code payload} throws, the tape file
     * must be abandoned, not finished.
     */
    List<Section> write(BackupInfo backup, Payload payload) throws IOException;
}
