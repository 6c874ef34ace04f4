/**
 * Benchmarks: each measures lanfree against a reference measured in the same run and reports
 * both rates and their ratio. A <em>case</em> is one transport at one message size; a
 * <em>peer</em> is a child process that sends or receives for one case.
 */
package org.lanfree.cli.bench;
