/**
 * Peer authentication, before anything else is revealed. Both sides hold a {@link
 * org.lanfree.connect.auth.SharedSecret}; the <em>acceptor</em> (the side that accepted the
 * connection) challenges with a nonce, the <em>connector</em> answers with its own nonce and a
 * <em>proof</em> (an HMAC-SHA256 over both nonces and both {@link org.lanfree.connect.auth.Role
 * roles}), and the acceptor proves itself in turn. {@link org.lanfree.connect.auth.Authenticator}
 * runs the exchange on either side.
 */
package org.lanfree.connect.auth;
