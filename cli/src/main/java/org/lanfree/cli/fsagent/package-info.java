/** The fs-agent as a daemon of a deployment ({@code up}, {@code down}, {@code status}) and its {@code start} command. */
package org.lanfree.cli.fsagent;
