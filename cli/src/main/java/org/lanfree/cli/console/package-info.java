/**
 * What the operator sees: a {@link org.lanfree.cli.console.CommandFailure} is an error that
 * ends a command with a message and an exit code (1 failure, 2 bad usage or configuration); a
 * {@link org.lanfree.cli.console.Table} is column-aligned text; {@link
 * org.lanfree.cli.console.Json} prints machine-readable output.
 */
package org.lanfree.cli.console;
