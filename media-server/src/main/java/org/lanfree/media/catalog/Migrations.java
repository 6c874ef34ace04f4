package org.lanfree.media.catalog;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned SQL migrations of {@code sql/catalog} (on the classpath as
 * {@code db/catalog}) with Flyway. The same files serve H2 and PostgreSQL; running them again on
 * an up-to-date catalog changes nothing.
 */
final class Migrations {

    static final String LOCATION = "classpath:db/catalog";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** Brings the catalog to the newest version and returns that version. */
    static String apply(DataSource dataSource, String where) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .placeholderReplacement(false)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            String version = flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
            if (result.migrationsExecuted > 0) {
                LOG.info("catalog {}: applied {} migration(s), schema version {}", where, result.migrationsExecuted, version);
            } else {
                LOG.debug("catalog {}: schema version {} is current", where, version);
            }
            return version;
        } catch (FlywayException e) {
            throw new CatalogException("catalog " + where + ": migrating the schema failed: " + e.getMessage()
                    + "; HINT: a catalog changed by hand, or written by a newer lanfree, cannot be migrated", false, e);
        }
    }
}
