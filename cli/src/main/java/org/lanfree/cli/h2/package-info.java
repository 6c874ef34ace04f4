/**
 * The operator's side of H2 backups: {@code backup h2} (in this process for an embedded URL,
 * through the server's {@code LANFREE_BACKUP} for a server URL), {@code restore h2} (a backup's
 * ZIP streamed from the media server into a {@code .mv.db} file, then checked by opening it),
 * and the plugin configuration that points the H2 plugin at a deployment.
 */
package org.lanfree.cli.h2;
