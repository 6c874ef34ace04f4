/**
 * The PostgreSQL agent's jobs: a <em>job</em> runs one backup of one <em>dataset</em> (a
 * cluster) and hands its stream to the media server through a {@link
 * org.lanfree.connect.session.MediaSession session}, so the data goes through the array to tape.
 */
package org.lanfree.db.pg.agent;
