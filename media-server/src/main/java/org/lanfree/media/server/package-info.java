/**
 * The media server daemon. A {@link org.lanfree.media.server.MediaServer} owns the catalog, the
 * tape library and its attachment to the array; its <em>inventory</em> is the library's slots,
 * drives and cartridges as the catalog records them. Operators act through the <em>admin
 * connection</em>: one authenticated TCP connection per CLI command, carrying JSON requests and
 * replies ({@link org.lanfree.media.server.AdminProtocol}).
 */
package org.lanfree.media.server;
