/**
 * {@code lanfree list backups} and {@code list files}: what the catalog holds about
 * <em>backups</em> (a run of one dataset: kind, level, status, size, times) and the <em>files</em>
 * of file-tree backups, asked of the running media server; tape is never touched. A
 * <em>since</em> time is an ISO date or date-time, or an age such as {@code 7d}.
 */
package org.lanfree.cli.list;
