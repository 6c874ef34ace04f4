/**
 * Framing of the byte streams both channels carry. A <em>frame</em> is
 * {@code u32 length | u8 type | payload | u32 crc32c}; a <em>message</em> is the typed control
 * record a MESSAGE frame carries; a <em>segment</em> is a run of DATA frames closed by an END
 * frame holding the segment's SHA-256; an ERROR frame carries an {@link
 * org.lanfree.connect.wire.ErrorCode} and its text to the peer, which rethrows it as a
 * {@link org.lanfree.connect.wire.WireException}.
 */
package org.lanfree.connect.wire;
