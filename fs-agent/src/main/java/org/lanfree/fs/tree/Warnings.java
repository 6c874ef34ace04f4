package org.lanfree.fs.tree;

import org.lanfree.fs.posix.ByteString;

/**
 * Where a walk, an archive writer or a restore reports a problem with one object that does not
 * stop the job (vanished, unreadable, changed while read). The job ends "completed with warnings".
 */
@FunctionalInterface
public interface Warnings {

    void warn(ByteString path, String problem);
}
