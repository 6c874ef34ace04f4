package org.lanfree.media.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an embedded catalog over H2's own TCP server, so users query it with any SQL tool while
 * the media server runs. Run it in the media server's JVM: the server and the media server then
 * share one open database. Remote sessions log in as {@code reader}, who may only SELECT (from
 * every table and view of the catalog); the URL to type is
 * {@code jdbc:h2:tcp://localhost:PORT/catalog}, the password is in {@code DIR/reader.password}.
 * The server refuses to create databases, and listens on loopback unless told otherwise.
 */
public final class CatalogServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogServer.class);

    private final Server server;
    private final String password;

    private CatalogServer(Server server, String password) {
        this.server = server;
        this.password = password;
    }

    /** Serves the catalog in {@code catalogDir} on loopback port {@code port} (0: any free port). */
    public static CatalogServer start(Path catalogDir, int port) {
        return start(catalogDir, port, false);
    }

    /** As {@link #start(Path, int)}; {@code allowOthers} also accepts connections from other hosts. */
    public static CatalogServer start(Path catalogDir, int port, boolean allowOthers) {
        Path dir = catalogDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(EmbeddedFiles.databaseFile(dir))) {
            throw new IllegalStateException("catalog server: no catalog in " + dir + " (expected "
                    + EmbeddedFiles.databaseFile(dir).getFileName() + "); HINT: open it with Catalog.embedded first");
        }
        String password = EmbeddedFiles.readerPassword(dir);
        grantReader(dir, password);
        List<String> args = new ArrayList<>(List.of("-tcp", "-tcpPort", Integer.toString(port), "-baseDir", dir.toString(),
                "-ifExists"));
        if (allowOthers) {
            args.add("-tcpAllowOthers");
        }
        try {
            Server server = Server.createTcpServer(args.toArray(String[]::new)).start();
            CatalogServer started = new CatalogServer(server, password);
            LOG.info("catalog server: serving {} at {} as user {}", dir, started.jdbcUrl(), EmbeddedFiles.READER);
            return started;
        } catch (SQLException e) {
            throw new IllegalStateException("catalog server: cannot listen on port " + port + ": " + e.getMessage()
                    + "; HINT: is another process using it? Choose another port", e);
        }
    }

    /** The port the server listens on. */
    public int port() {
        return server.getPort();
    }

    /** What a user types into a SQL tool. */
    public String jdbcUrl() {
        return "jdbc:h2:tcp://localhost:" + port() + "/" + EmbeddedFiles.DATABASE;
    }

    /** The read-only user's name. */
    public String user() {
        return EmbeddedFiles.READER;
    }

    /** The read-only user's password (also in {@code reader.password} in the catalog folder). */
    public String password() {
        return password;
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Creates the reader (or resets its password) and lets it read everything in the catalog's schema. */
    private static void grantReader(Path dir, String password) {
        try (Connection c = DriverManager.getConnection(EmbeddedFiles.url(dir), EmbeddedFiles.ADMIN,
                EmbeddedFiles.adminPassword(dir)); Statement s = c.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS " + EmbeddedFiles.READER + " PASSWORD '" + password + "'");
            s.execute("ALTER USER " + EmbeddedFiles.READER + " SET PASSWORD '" + password + "'");
            s.execute("GRANT SELECT ON SCHEMA PUBLIC TO " + EmbeddedFiles.READER);
        } catch (SQLException e) {
            throw new IllegalStateException("catalog server: cannot set up read-only user " + EmbeddedFiles.READER + " in "
                    + dir + ": " + e.getMessage() + "; HINT: the catalog's admin.password must match the database", e);
        }
    }
}
