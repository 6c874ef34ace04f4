/**
 * Continuous WAL archiving: a permanent physical <em>slot</em> per cluster holds the WAL until
 * the media server has it; whole <em>segments</em> received over START_REPLICATION are staged in
 * the media server's disk pool, and only then is the flush position confirmed to the server.
 */
package org.lanfree.db.pg.archive;
