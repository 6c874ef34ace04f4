/**
 * A local deployment: a <em>home</em> folder holding each daemon's configuration file, its
 * log under {@code logs/} and its pid file under {@code run/}. A <em>daemon spec</em> says how
 * to configure, start, probe and describe one daemon; {@code up}, {@code down} and {@code
 * status} walk the registered specs in order (and {@code down} in reverse).
 */
package org.lanfree.cli.deploy;
