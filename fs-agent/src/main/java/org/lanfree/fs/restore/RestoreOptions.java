package org.lanfree.fs.restore;

import java.util.List;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Posix;

/**
 * How a restore runs.
 *
 * @param force     restore into a target that is not empty, replacing what is in the way
 * @param select    restore only these paths and what is under them (empty: everything)
 * @param owners    set owner and group from the archive's numeric ids (needs root)
 */
public record RestoreOptions(boolean force, List<ByteString> select, boolean owners) {

    public RestoreOptions {
        select = List.copyOf(select);
    }

    /** Everything, into an empty target, owners restored when running as root. */
    public static RestoreOptions defaults() {
        return new RestoreOptions(false, List.of(), Posix.isRoot());
    }

    public RestoreOptions forced() {
        return new RestoreOptions(true, select, owners);
    }

    public RestoreOptions selecting(List<ByteString> paths) {
        return new RestoreOptions(force, paths, owners);
    }

    /** True when {@code path} is selected, or is a folder on the way to a selected path (restored for its metadata). */
    boolean selects(ByteString path) {
        if (select.isEmpty()) {
            return true;
        }
        for (ByteString s : select) {
            if (path.isAtOrUnder(s) || s.isAtOrUnder(path)) {
                return true;
            }
        }
        return false;
    }
}
