/**
 * The host-to-array channel: the commands a host sends the array over a Unix-domain socket (or,
 * for hosts on other machines, over TCP) and the replies. A <em>track</em> is the array's unit of
 * data; the <em>cache</em> holds tracks in <em>slots</em>; a <em>ring</em> is one direction of an
 * STP connection; an <em>endpoint</em> is one host's end of a connection.
 */
package org.lanfree.connect.channel;
