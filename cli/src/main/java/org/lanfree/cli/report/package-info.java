/**
 * The operator's catalog maintenance commands, after RMAN: {@code report need-backup} (datasets
 * whose newest good backup is older than their policy allows), {@code report obsolete} (what
 * retention lets go), {@code crosscheck} (read backups back from their cartridges) and
 * {@code delete obsolete} (expire them and return emptied cartridges to <em>scratch</em>). Each is
 * one request to the running media server over its admin port.
 */
package org.lanfree.cli.report;
