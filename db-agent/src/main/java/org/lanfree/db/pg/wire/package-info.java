/**
 * A small client for PostgreSQL's frontend/backend protocol 3.0, enough for the streaming
 * replication protocol that pgjdbc cannot drive (BASE_BACKUP's mixed result sets and copy
 * stream). A <em>connection</em> is one TCP session started in a {@link
 * org.lanfree.db.pg.wire.ReplicationMode replication mode}; a <em>backend message</em> is one
 * typed frame from the server; a <em>server error</em> keeps the SQLSTATE and the server's own
 * text, plus lanfree's hint naming the setting to change.
 */
package org.lanfree.db.pg.wire;
