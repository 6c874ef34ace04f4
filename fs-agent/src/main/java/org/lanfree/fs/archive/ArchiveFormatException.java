package org.lanfree.fs.archive;

import java.io.IOException;

/** The stream is not a tar archive this reader understands, or it is cut short. Retrying the same bytes cannot help. */
public final class ArchiveFormatException extends IOException {

    public ArchiveFormatException(String message) {
        super(message);
    }
}
