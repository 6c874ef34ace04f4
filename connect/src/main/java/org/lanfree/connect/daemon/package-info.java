/** What every lanfree daemon shares about being a process: stopping cleanly on a signal. */
package org.lanfree.connect.daemon;
