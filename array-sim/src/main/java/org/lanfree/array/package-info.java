/**
 * The simulated cached storage array. {@link org.lanfree.array.ArrayDaemon} starts it from an
 * {@link org.lanfree.array.config.ArrayConfig}; {@link org.lanfree.array.ArrayState} holds its
 * devices, cache, STG groups and connections under one lock, and the request handlers change it.
 */
package org.lanfree.array;
