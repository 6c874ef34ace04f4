/**
 * The virtual tape library. A <em>cartridge</em> (barcode, pool, capacity) holds a volume label, then
 * <em>tape files</em> of fixed-size <em>blocks</em> separated by <em>filemarks</em>, then end-of-data;
 * <em>early warning</em> is the point near its end where writers move on. A <em>drive</em> reads and
 * writes the loaded cartridge; the robot moves cartridges between storage <em>slots</em>, drives and the
 * <em>import/export slot</em>. A <em>pool</em> groups cartridges (scratch holds the free ones); a backup
 * that spans cartridges is written as one <em>section</em> per cartridge.
 */
package org.lanfree.media.vtl;
