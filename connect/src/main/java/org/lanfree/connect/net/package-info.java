/**
 * The NET domain: TCP sockets over the LAN behind the {@link org.lanfree.connect.Conn} and
 * {@link org.lanfree.connect.Listener} interfaces. A {@link org.lanfree.connect.net.TcpConn} is a
 * connected stream with a read timeout; a {@link org.lanfree.connect.net.TcpListener} accepts
 * them; a {@link org.lanfree.connect.net.PortPair} is two listeners on consecutive ports, the
 * file agent's well-known port and the one after it.
 */
package org.lanfree.connect.net;
