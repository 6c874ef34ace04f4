/**
 * Devices: fixed-size volumes of tracks, each backed by a sparse file. Only the disk directors
 * read and write them (stage and destage).
 */
package org.lanfree.array.device;
