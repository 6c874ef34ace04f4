/**
 * Recreating a tree from an archive stream under a target folder with the byte-level calls. Every
 * path is checked by {@link org.lanfree.fs.restore.SafePath} and every folder on the way is opened
 * relative to the target's descriptor without following symlinks, so nothing is written outside
 * the target whatever the archive holds. A {@link org.lanfree.fs.restore.TreeRestorer} refuses a
 * non-empty target unless forced; folders get their metadata after their contents. A
 * {@link org.lanfree.fs.restore.ChainRestorer} applies a full backup and its incrementals in turn
 * (replacements, {@code .lanfree/DELETED}); every restore checks files against
 * {@code .lanfree/SHA256SUMS}.
 */
package org.lanfree.fs.restore;
