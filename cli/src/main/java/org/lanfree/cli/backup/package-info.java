/**
 * {@code lanfree backup} and {@code lanfree restore}: the operator's verbs, one subcommand per
 * kind of data ({@code fs}, {@code h2}, {@code pg}).
 */
package org.lanfree.cli.backup;
