/**
 * The tape catalog: what was backed up, when, and where it lies. A <em>client</em> is a host
 * with an agent; a <em>dataset</em> is one directory tree, PostgreSQL cluster or H2 database of a
 * client under a <em>policy</em> (pool, retention, schedule, compression); a <em>backup</em> is
 * one run over a dataset, stored as <em>sections</em> (tape files) on <em>cartridges</em>; a
 * <em>job</em> is work a media server claims. {@link org.lanfree.media.catalog.Catalog} opens it.
 */
package org.lanfree.media.catalog;
