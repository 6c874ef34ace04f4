/**
 * Walking a file tree: a {@link org.lanfree.fs.tree.TreeWalker} visits every object under a root
 * as an {@link org.lanfree.fs.tree.FsEntry} (path relative to the root, stat facts, link target,
 * xattrs, hard-link partner), depth first in {@link org.lanfree.fs.tree.TreeOrder}, skipping what
 * {@link org.lanfree.fs.tree.Excludes} names. A {@link org.lanfree.fs.tree.ChangeDetector} compares
 * the walk with the previous backup's {@link org.lanfree.fs.tree.Fingerprint}s without reading any
 * file; a {@link org.lanfree.fs.tree.PreviousTree} puts those fingerprints in tree order from any
 * order, through temporary files. Per-object problems go to {@link org.lanfree.fs.tree.Warnings}; the walk goes on.
 */
package org.lanfree.fs.tree;
