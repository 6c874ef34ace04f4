/**
 * An agent's side of a session with the media server, after the client-initiated handshake:
 * {@link org.lanfree.connect.session.MediaSession} stores a stream as a backup
 * ({@link org.lanfree.connect.session.BackupUpload}) or reads one back
 * ({@link org.lanfree.connect.session.BackupDownload}). Built for Java 17 with the rest of
 * {@code connect}, so the H2 plugin can use it inside the database's JVM.
 */
package org.lanfree.connect.session;
