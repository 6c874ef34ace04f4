/**
 * The dual-channel socket layer. A <em>descriptor</em> names a socket of one of two
 * {@link org.lanfree.connect.Domain domains}: NET (TCP over the LAN) or STP (a stream through
 * cache slots of the storage array). {@link org.lanfree.connect.SocketLayer} offers the classic
 * calls (socket, bind, listen, getsockname, connect, accept, send, recv, close) and routes each
 * to the domain its descriptor carries; {@link org.lanfree.connect.Conn} and
 * {@link org.lanfree.connect.Listener} are the typed views of the same sockets.
 */
package org.lanfree.connect;
