/**
 * The archive a file-tree backup is: a POSIX.1-2001 pax tar stream that GNU tar reads. An
 * {@link org.lanfree.fs.archive.ArchiveEntry} is one member's metadata; a
 * {@link org.lanfree.fs.archive.PaxWriter} and a {@link org.lanfree.fs.archive.PaxReader} turn
 * members into blocks and back; a {@link org.lanfree.fs.archive.TreeArchiver} walks a tree into a
 * stream, reading each file once, and ends it with {@code .lanfree/} members (SHA-256 sums,
 * warnings, deletions); files' SHA-256s are computed on hashing lanes beside the writer's thread
 * ({@code ParallelDigests}). docs/fs-archive.md gives the format choices.
 */
package org.lanfree.fs.archive;
