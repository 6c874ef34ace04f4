package org.lanfree.cli.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.deploy.Home;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.media.server.CatalogLocation;
import org.lanfree.media.server.ServerConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanfree sql}: a query shell on the running media server's catalog, through H2's TCP
 * server as the read-only user {@code reader}. Statements end with {@code ;} at the end of a
 * line; results print as tables.
 */
@Command(name = "sql", description = {
        "Query the catalog with SQL as the read-only user 'reader', while the media server runs.",
        "Reads statements from stdin (a terminal or a pipe), each ending with ';' at the end of a line;"
                + " -c runs one statement. See sql/catalog/README.md for the tables and views.",
        "Exit codes: 0 when every statement ran, 1 when one failed (it is reported, the others still run)."})
public final class SqlCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "-c", paramLabel = "SQL", description = "Run this one statement and exit.")
    String statement;

    @Option(names = "--json", description = "Print each result as a JSON array of row objects.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        Home home = homeOption.home();
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try (Connection c = connect(home)) {
            SqlShell shell = new SqlShell(c, out, err, json);
            if (statement != null) {
                return shell.run(statement) ? 0 : 1;
            }
            boolean prompt = System.console() != null && System.console().isTerminal();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return shell.runAll(in, prompt) ? 0 : 1;
        } catch (SQLException e) {
            throw CommandFailure.failed("cannot close the catalog connection: " + e.getMessage(), e);
        }
    }

    private static Connection connect(Home home) {
        ServerConfig config = MediaServerDaemon.read(home.file(MediaServerDaemon.CONFIG_FILE));
        if (!(config.catalog() instanceof CatalogLocation.Embedded embedded)) {
            throw CommandFailure.failed("the media server of " + home + " keeps its catalog in " + config.catalog()
                    + ", not in an embedded H2 catalog it serves. HINT: query that database with its own client"
                    + " (e.g. psql), as a read-only role (see sql/catalog/README.md)");
        }
        String url = "jdbc:h2:tcp://localhost:" + embedded.serverPort() + "/catalog";
        Path passwordFile = embedded.dir().resolve("reader.password");
        String password;
        try {
            password = Files.readString(passwordFile).strip();
        } catch (IOException e) {
            throw CommandFailure.failed("cannot read the catalog reader's password " + passwordFile + " (" + e
                    + "). HINT: the media server writes it when it first starts; run 'lanfree up --home " + home + "'", e);
        }
        try {
            return DriverManager.getConnection(url, "reader", password);
        } catch (SQLException e) {
            throw CommandFailure.failed("cannot connect to the catalog at " + url + " as reader: " + e.getMessage()
                    + ". HINT: is the media server running? 'lanfree status --home " + home + "' shows it", e);
        }
    }
}
