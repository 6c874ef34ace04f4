package org.lanfree.cli.h2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.lanfree.cli.console.CommandFailure;

import picocli.CommandLine.Option;

/** How the command line logs in to an H2 database: URL, user, and a password kept out of {@code ps}. */
public final class H2Login {

    @Option(names = "--url", required = true, paramLabel = "JDBC_URL",
            description = "The database: jdbc:h2:/path/db (embedded: opened by this command) or"
                    + " jdbc:h2:tcp://host:port/path (an H2 server with the plugin installed).")
    String url;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "sa", description = "Database user (default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the user's password (default: an empty password).")
    Path passwordFile;

    /** Whether the URL names a database this process opens itself (a file, not a server). */
    boolean embedded() {
        String rest = url.startsWith("jdbc:h2:") ? url.substring("jdbc:h2:".length()) : url;
        return !(rest.startsWith("tcp:") || rest.startsWith("ssl:") || rest.startsWith("mem:"));
    }

    /** A connection; an embedded database must exist already (a backup never creates one). */
    Connection connect() {
        if (!url.startsWith("jdbc:h2:")) {
            throw CommandFailure.usage("--url '" + url + "' is not an H2 URL; expected jdbc:h2:/path/db or"
                    + " jdbc:h2:tcp://host:port/path");
        }
        String full = embedded() && !url.toUpperCase(java.util.Locale.ROOT).contains("IFEXISTS")
                ? url + ";IFEXISTS=TRUE" : url;
        try {
            return DriverManager.getConnection(full, user, password());
        } catch (SQLException e) {
            throw CommandFailure.failed("cannot open " + url + " as " + user + ": " + e.getMessage()
                    + (embedded() ? ". HINT: an embedded database must exist and not be open in another process;"
                    + " back up a running server's database through its jdbc:h2:tcp:// URL" : ""), e);
        }
    }

    private String password() {
        if (passwordFile == null) {
            return "";
        }
        try {
            return Files.readString(passwordFile).strip();
        } catch (IOException e) {
            throw CommandFailure.usage("--password-file " + passwordFile + " cannot be read: " + e.getMessage());
        }
    }

    public String url() {
        return url;
    }
}
