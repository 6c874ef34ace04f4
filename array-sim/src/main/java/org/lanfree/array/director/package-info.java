/**
 * Directors. A <em>channel director</em> (front end) owns a bounded queue of host requests and one
 * worker that serves it; when the queue is full the submitting host waits (back-pressure). A
 * <em>disk director</em> (back end) moves tracks between cache slots and devices: destage writes a
 * write-pending slot to its device, stage reads a track back into a slot.
 */
package org.lanfree.array.director;
