package org.lanfree.fs.tree;

/**
 * How a policy walks a tree.
 *
 * @param oneFileSystem record mount points found under the root but do not enter them
 * @param xattrs        read extended attributes (POSIX ACLs travel as {@code system.posix_acl_*} ones)
 */
public record WalkOptions(Excludes excludes, boolean oneFileSystem, boolean xattrs) {

    public static final WalkOptions DEFAULT = new WalkOptions(Excludes.NONE, false, true);

    public WalkOptions withExcludes(Excludes excludes) {
        return new WalkOptions(excludes, oneFileSystem, xattrs);
    }

    public WalkOptions withOneFileSystem(boolean oneFileSystem) {
        return new WalkOptions(excludes, oneFileSystem, xattrs);
    }
}
