/**
 * The operator's commands for the simulated array: {@code array-sim start} runs it in the
 * foreground, {@code array-sim status} attaches as a host and shows its directors, cache, STG
 * groups and STP connections. {@link org.lanfree.cli.arraysim.ArraySimDaemon} is the array's
 * entry in the deployment's daemon registry.
 */
package org.lanfree.cli.arraysim;
