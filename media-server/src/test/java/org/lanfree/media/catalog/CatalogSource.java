package org.lanfree.media.catalog;

import java.time.Clock;

/** Where a contract test gets its catalogs: one database implementation, a fresh empty catalog per test. */
interface CatalogSource {

    /** Opens a new, empty catalog. */
    Catalog fresh(Clock clock);

    /** Opens the catalog last made by {@link #fresh} once more, as a second media server would. */
    Catalog again(Clock clock);

    /** "H2" or "PostgreSQL 17.5", for messages. */
    String describe();
}
