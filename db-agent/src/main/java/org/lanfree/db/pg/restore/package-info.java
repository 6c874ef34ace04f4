/**
 * Restore of a PostgreSQL base backup into a new data directory: the backup's tar from the
 * media server, its manifest checked, the WAL recovery needs <em>staged</em> in a folder that
 * {@code restore_command} copies from, and recovery told where to stop (the <em>target</em>)
 * and to promote there.
 */
package org.lanfree.db.pg.restore;
