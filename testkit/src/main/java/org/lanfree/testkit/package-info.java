/**
 * Shared test fixtures. A <em>child JVM</em> is a Java main class run in its own process with
 * the test's classpath; a <em>free pair</em> is two adjacent loopback ports P and P+1 (a WKP and
 * WKP+1); a <em>temp home</em> is a short deployment folder under /tmp; {@link
 * org.lanfree.testkit.Await} waits on a condition with a deadline instead of sleeping.
 */
package org.lanfree.testkit;
