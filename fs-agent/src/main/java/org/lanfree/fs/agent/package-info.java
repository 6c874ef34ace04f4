/**
 * The fs-agent daemon: it listens on its well-known port (and the next one) for the media
 * server, which starts every file-tree backup and restore with the server-initiated handshake;
 * file contents go through the array, control over the first NET connection, warnings over the
 * second. The session protocol is {@code docs/sessions.md}'s.
 */
package org.lanfree.fs.agent;
