/**
 * Backup sessions on the media server. A <em>session</em> receives one backup's <em>stream</em> (DATA
 * frames, then END with the payload's SHA-256) and writes the payload to tape. The <em>drive pool</em>
 * lends each session one drive at a time, queueing sessions first come, first served; when a pool has
 * no writable cartridge left, the job shows a <em>mount request</em> until an operator provides one.
 * The session ends with a <em>verdict</em> to the sender: the backup stored, or an ERROR frame.
 */
package org.lanfree.media.session;
