/**
 * Cache memory bookkeeping. A <em>slot</em> holds one track; the <em>directory</em> maps a track
 * address (device, track) to its slot. A slot is free, clean (same as the device: may be reused,
 * least recently used first) or write-pending (newer than the device). A <em>pin</em> keeps a slot
 * from being reused or destaged while a host copies into or out of it.
 */
package org.lanfree.array.cache;
