/**
 * The read-only view of every file-tree backup the catalog knows, as a FUSE file system.
 * A <em>view</em> is {@code /CLIENT/BACKUP/TREE}: clients, then one folder per backup named by its
 * end time and id (and {@code latest}, a link to the newest good one), then the backed-up tree as
 * of that backup with its chain applied. Listings and attributes come from the catalog; a file's
 * <em>content</em> is read from its backup's archive in <em>chunks</em> through a bounded cache.
 */
package org.lanfree.fs.mount;
