/**
 * The two handshakes of the design, as state machines. A <em>leg</em> is one connection of a
 * handshake (control, errors, STG negotiation, data, request, call back); an {@link
 * org.lanfree.connect.handshake.Event} is what happened on a leg, an {@link
 * org.lanfree.connect.handshake.Action} what to do next. Each role of each flow is one class whose
 * transition function turns events into actions without I/O; a shared driver performs the actions
 * through {@link org.lanfree.connect.SocketLayer} descriptors. A <em>session</em> is the result.
 */
package org.lanfree.connect.handshake;
