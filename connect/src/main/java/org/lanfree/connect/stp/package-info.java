/**
 * The host-side driver that attaches a host to the array and serves STP sockets. An
 * {@link org.lanfree.connect.stp.ArrayDriver} owns one channel to the array; an
 * {@link org.lanfree.connect.stp.StpConn} is one host's end of a connection, sending into its
 * outbound ring's tracks and receiving from the inbound ring. On the shared-memory channel the
 * host copies payload straight into and out of the mapped cache; on the TCP channel it travels in
 * the channel's messages.
 */
package org.lanfree.connect.stp;
