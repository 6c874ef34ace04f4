/**
 * STG groups and STP connections. An <em>STG group</em> is a set of devices used as transport plus
 * a range of STP ports. An STP <em>connection</em> joins two <em>endpoints</em> through a pair of
 * <em>rings</em> (one per direction) of tracks on the group's devices; the sender fills a ring's
 * tracks in order and the receiver drains and releases them.
 */
package org.lanfree.array.stg;
