/**
 * {@code lanfree tape}: the operator's tape library commands, each one request to the running
 * media server over its admin port. The robot moves a <em>cartridge</em> between storage
 * <em>slots</em>, <em>drives</em> and the <em>import/export slot</em> (the door to the shelf);
 * the media server records every move in the catalog.
 */
package org.lanfree.cli.tape;
