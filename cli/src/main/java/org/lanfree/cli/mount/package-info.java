/**
 * {@code lanfree mount} and {@code umount}: every file-tree backup of a deployment as a read-only
 * FUSE file system. The deployment's <em>sources</em> are its catalog (read-only SQL, for listings
 * and attributes) and its media server (archive ranges, through the array, for contents).
 */
package org.lanfree.cli.mount;
