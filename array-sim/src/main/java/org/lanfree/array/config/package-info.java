/**
 * The array's configuration file: a {@code key = value} text with comments, read into an
 * immutable {@link org.lanfree.array.config.ArrayConfig}. Every key has a default that works out
 * of the box; {@link org.lanfree.array.config.ConfigException} names the bad field and the fix.
 */
package org.lanfree.array.config;
