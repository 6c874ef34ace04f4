/**
 * The db-agent's H2 plugin, loaded into the database's own JVM and registered with CREATE ALIAS
 * ({@code sql/h2/install.sql}). A <em>backup</em> is H2's online copy of the {@code .mv.db} file
 * as a ZIP archive, streamed through the array to the media server, never staged on this host's
 * disk; a <em>job</em> is one call of {@code LANFREE_BACKUP}, recorded with its progress and
 * outcome in {@code LANFREE.JOBS}; the <em>configuration</em> says where the media server and
 * the array are ({@link org.lanfree.h2plugin.PluginConfig}). Built for Java 17.
 */
package org.lanfree.h2plugin;
