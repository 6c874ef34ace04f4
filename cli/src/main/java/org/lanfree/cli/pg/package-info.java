/**
 * PostgreSQL from the operator's side: the db-agent daemon in a deployment ({@code db-agent
 * start}, {@code db-agent add}) and {@code backup pg}. A <em>cluster</em> is named by its
 * postgresql:// URL; its dataset in the catalog is its HOST-PORT.
 */
package org.lanfree.cli.pg;
