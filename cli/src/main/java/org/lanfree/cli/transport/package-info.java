/**
 * {@code lanfree transport}: a transport check between two hosts over the LAN and the array, one
 * command per role of each handshake. A <em>segment</em> is test data sent as DATA frames (each
 * with its CRC32C) closed by an END frame holding their SHA-256; the <em>verdict</em> is the
 * receiver's own SHA-256 of what arrived, sent back so that both sides decide OK or MISMATCH; a
 * <em>transfer</em> is one session's outcome as one side reports it.
 */
package org.lanfree.cli.transport;
