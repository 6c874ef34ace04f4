package org.lanfree.cli.pg;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.db.pg.jobs.ClusterWatcher;
import org.lanfree.db.pg.jobs.DbAgent;
import org.lanfree.db.pg.jobs.DbAgentConfig;
import org.lanfree.db.pg.jobs.PgUrl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree db-agent start|add}: the PostgreSQL agent daemon and its clusters. */
@Command(name = "db-agent", mixinStandardHelpOptions = true, description = "The database agent: runs the backups"
        + " PostgreSQL users request with SELECT lanfree.backup().",
        subcommands = {DbAgentCommand.Start.class, DbAgentCommand.Add.class})
public final class DbAgentCommand {

    @Command(name = "start", mixinStandardHelpOptions = true, description = {
            "Run the db-agent in the foreground, logging to stdout, until SIGTERM or Ctrl-C.",
            "The array must be running. Exit codes: 0 after a clean stop, 1 when it cannot start,"
                    + " 2 when the configuration is bad."})
    static final class Start implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", required = true,
                description = "The agent's configuration (see 'lanfree up' for a generated one).")
        java.nio.file.Path config;

        @Override
        public Integer call() {
            DbAgentDaemon.read(config);
            return DbAgent.runForeground(config.toAbsolutePath());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = {
            "Register a PostgreSQL cluster with the deployment's db-agent: it starts listening for its backup"
                    + " requests at once, and again after every restart.",
            "The cluster needs sql/postgres/install.sql run in the URL's database; the URL's role needs REPLICATION"
                    + " and a pg_hba.conf line for replication connections."})
    static final class Add implements Callable<Integer> {

        private static final Duration LISTEN_WAIT = Duration.ofSeconds(20);

        @Mixin
        HomeOption homeOption;

        @Option(names = "--pgurl", required = true, paramLabel = "URL",
                description = "postgresql://USER[:PASSWORD]@HOST[:PORT][/DATABASE]")
        String pgurl;

        @Option(names = "--json", description = "Print JSON: {cluster, dataset, listening}.")
        boolean json;

        @Spec
        CommandSpec command;

        @Override
        public Integer call() throws Exception {
            PgUrl url = parse(pgurl);
            DbAgentConfig config = DbAgentDaemon.read(homeOption.home().file(DbAgentDaemon.CONFIG_FILE));
            try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties("lanfree_add"))) {
                checkInstalled(c, url);
                if (config.clusters().stream().noneMatch(u -> u.text().equals(url.text()))) {
                    Files.writeString(config.clustersFile(), url.text() + "\n", StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                    // the URLs may carry passwords
                    Files.setPosixFilePermissions(config.clustersFile(),
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                }
                boolean listening = awaitListener(c);
                PrintWriter out = command.commandLine().getOut();
                if (json) {
                    out.println(Json.pretty(Json.object().put("cluster", url.toString()).put("dataset", url.dataset())
                            .put("listening", listening)));
                } else {
                    out.println("cluster " + url + " registered as dataset " + url.dataset() + (listening
                            ? "; the db-agent is listening for SELECT lanfree.backup()"
                            : "; the db-agent is not listening yet: is it running? (lanfree status; its log is"
                                    + " logs/db-agent.log)"));
                }
                return listening ? 0 : CommandFailure.FAILED;
            } catch (SQLException e) {
                throw CommandFailure.failed("cannot connect to " + url + ": " + e.getMessage()
                        + "; HINT: check the URL, that the server runs, and its pg_hba.conf", e);
            }
        }

        private static void checkInstalled(Connection c, PgUrl url) throws SQLException {
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT to_regclass('lanfree.jobs')")) {
                rs.next();
                if (rs.getString(1) == null) {
                    throw CommandFailure.usage("database " + url.database() + " of " + url + " has no lanfree.jobs;"
                            + " run sql/postgres/install.sql there first (psql -f sql/postgres/install.sql)");
                }
            }
        }

        /** Waits until an agent session LISTENs in this cluster (it reads the clusters file every second). */
        private static boolean awaitListener(Connection c) throws Exception {
            Instant deadline = Instant.now().plus(LISTEN_WAIT);
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE application_name = ? AND datname = current_database()")) {
                s.setString(1, ClusterWatcher.APPLICATION_NAME);
                while (Instant.now().isBefore(deadline)) {
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            return true;
                        }
                    }
                    Thread.sleep(200);
                }
            }
            return false;
        }
    }

    static PgUrl parse(String text) {
        try {
            return PgUrl.parse(text);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("--pgurl: " + e.getMessage());
        }
    }
}
