/**
 * {@code lanfree backup} and {@code lanfree restore}: the operator's verbs, one subcommand per
 * kind of data ({@code h2}, and the other agents' as they come).
 */
package org.lanfree.cli.backup;
