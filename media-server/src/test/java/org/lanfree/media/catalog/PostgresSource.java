package org.lanfree.media.catalog;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.lanfree.testkit.postgres.PostgresCluster;

/** Catalogs in a real PostgreSQL cluster, each in a new database. */
final class PostgresSource implements CatalogSource {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final PostgresCluster cluster;
    private String url;

    PostgresSource(PostgresCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public Catalog fresh(Clock clock) {
        url = cluster.createDatabase("catalog_" + COUNTER.incrementAndGet());
        return Catalog.open(url, cluster.superuser(), cluster.password(), clock);
    }

    @Override
    public Catalog again(Clock clock) {
        return Catalog.open(url, cluster.superuser(), cluster.password(), clock);
    }

    @Override
    public String describe() {
        return "PostgreSQL " + cluster.serverVersion();
    }
}
