package org.lanfree.media.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * The catalog: an embedded H2 file by default, or any PostgreSQL 15+ database given by a JDBC
 * URL. Opening it applies the schema migrations; its parts are reached through one accessor per
 * noun ({@link #backups()}, {@link #jobs()}, ...), all sharing one HikariCP pool and a
 * {@link Clock} for the times the catalog stamps itself.
 *
 * <pre>{@code
 * try (Catalog catalog = Catalog.embedded(Path.of("/var/lib/lanfree/catalog"))) {
 *     Client c = catalog.clients().register("db1", "db1.example", null);
 * }
 * }</pre>
 */
public final class Catalog implements AutoCloseable {

    private static final int POOL_SIZE = 8;

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final String where;
    private final String schemaVersion;
    private final Clients clients;
    private final Policies policies;
    private final Datasets datasets;
    private final Jobs jobs;
    private final Backups backups;
    private final FileEntries files;
    private final WalRanges wal;
    private final Cartridges cartridges;
    private final Library library;
    private final Retention retention;

    private Catalog(HikariDataSource pool, String where, Clock clock) {
        this.pool = pool;
        this.where = where;
        this.schemaVersion = Migrations.apply(pool, where);
        this.jdbi = Jdbi.create(pool);
        jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
        Db db = new Db(jdbi, where);
        this.clients = new Clients(db, clock);
        this.policies = new Policies(db, clock);
        this.datasets = new Datasets(db, clock);
        this.jobs = new Jobs(db, clock);
        this.backups = new Backups(db, clock);
        this.files = new FileEntries(db);
        this.wal = new WalRanges(db, clock);
        this.cartridges = new Cartridges(db, clock);
        this.library = new Library(db, clock);
        this.retention = new Retention(db, clock);
    }

    /** Opens the catalog at {@code jdbcUrl} (H2 or PostgreSQL) and migrates it to the newest schema. */
    public static Catalog open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, Clock.systemUTC());
    }

    public static Catalog open(String jdbcUrl, String user, String password, Clock clock) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("catalog");
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            config.addDataSourceProperty("ApplicationName", "lanfree media-server catalog");
        }
        String where = describe(jdbcUrl);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new CatalogException("catalog " + where + ": cannot connect as " + user + ": " + rootMessage(e)
                    + "; HINT: check the JDBC URL, user and password, and that the database runs", true, e);
        }
        try {
            return new Catalog(pool, where, clock);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Opens (creating when missing) the embedded H2 catalog in {@code dir}: {@code dir/catalog.mv.db}. */
    public static Catalog embedded(Path dir) {
        return embedded(dir, Clock.systemUTC());
    }

    public static Catalog embedded(Path dir, Clock clock) {
        return open(EmbeddedFiles.url(dir), EmbeddedFiles.ADMIN, EmbeddedFiles.adminPassword(dir), clock);
    }

    public Clients clients() {
        return clients;
    }

    public Policies policies() {
        return policies;
    }

    public Datasets datasets() {
        return datasets;
    }

    public Jobs jobs() {
        return jobs;
    }

    public Backups backups() {
        return backups;
    }

    public FileEntries files() {
        return files;
    }

    public WalRanges wal() {
        return wal;
    }

    public Cartridges cartridges() {
        return cartridges;
    }

    public Library library() {
        return library;
    }

    public Retention retention() {
        return retention;
    }

    /** The Jdbi over the pool, for queries the typed parts do not offer. */
    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The newest migration applied, e.g. "2". */
    public String schemaVersion() {
        return schemaVersion;
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "catalog " + where;
    }

    private static String describe(String jdbcUrl) {
        int semicolon = jdbcUrl.indexOf(';');
        int query = jdbcUrl.indexOf('?');
        int cut = semicolon < 0 ? query : query < 0 ? semicolon : Math.min(semicolon, query);
        return cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
