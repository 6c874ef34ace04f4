/**
 * Standard (POSIX ustar) tar streams, written as the data arrives. A <em>member</em> is one
 * entry: a 512-byte header, then its data padded to 512 bytes; an <em>archive</em> ends with
 * two zero blocks. {@link org.lanfree.db.tar.TarWriter} writes one archive;
 * {@link org.lanfree.db.tar.ArchiveSplicer} copies the members of another archive into it.
 */
package org.lanfree.db.tar;
