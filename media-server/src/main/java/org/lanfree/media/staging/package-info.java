/**
 * The disk staging pool. A <em>staging pool</em> is a folder on the media server's disk where small,
 * constant <em>streams</em> (a client's continuous WAL, keyed like {@code pg-main/wal}) land as
 * <em>segments</em>: named, write-once units with a size and a SHA-256, fsynced before they are
 * acknowledged. The <em>manifest</em> is the pool's append-only, checksummed record of every segment
 * and where it lives. <em>Migration</em> writes the oldest segments to tape as one tape file holding a
 * plain tar archive, then drops their local copies beyond what the policy keeps on disk.
 */
package org.lanfree.media.staging;
