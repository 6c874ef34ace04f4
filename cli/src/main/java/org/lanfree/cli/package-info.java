/**
 * {@code bin/lanfree}: the launcher of every daemon and the operator's commands. {@link
 * org.lanfree.cli.Main} builds the command tree; {@link org.lanfree.cli.Daemons} is the registry
 * of daemons a deployment runs, in start order. Exit codes: 0 done, 1 failed, 2 bad usage or
 * configuration.
 */
package org.lanfree.cli;
