/**
 * The operator's file-tree commands: {@code backup fs}, {@code restore fs} and {@code client
 * add}. The media server runs each backup or restore as a job (it dials the client's fs-agent);
 * these commands start it and follow it to the end.
 */
package org.lanfree.cli.fs;
