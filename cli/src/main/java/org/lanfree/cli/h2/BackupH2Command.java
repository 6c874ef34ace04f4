package org.lanfree.cli.h2;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.h2plugin.JobLog;
import org.lanfree.h2plugin.LocalDatabase;
import org.lanfree.h2plugin.PluginConfig;
import org.lanfree.h2plugin.Progress;
import org.lanfree.h2plugin.StreamingBackup;
import org.lanfree.h2plugin.TableJobLog;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanfree backup h2}: an online full backup of an H2 database, streamed through the array
 * to the deployment's media server. An embedded database is opened and copied by this process;
 * a server's database is backed up by the server itself through {@code LANFREE_BACKUP}.
 */
@Command(name = "h2", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Online full backup of an H2 database, streamed through the array",
                "to the media server.",
                "jdbc:h2:/path/db: this command opens the database (not open elsewhere)",
                "  and backs it up with the deployment's settings (--home).",
                "jdbc:h2:tcp://host:port/path: the H2 server itself runs",
                "  CALL LANFREE_BACKUP('full') with its own plugin configuration",
                "  (sql/h2/install.sql must have run there).",
                "Progress goes to stderr once a second."})
public final class BackupH2Command implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    H2Login login;

    @Mixin
    HomeOption homeOption;

    @Option(names = "--client", paramLabel = "NAME", defaultValue = PluginConfig.DEFAULT_CLIENT,
            description = "Client name the media server knows (agents.clients; default ${DEFAULT-VALUE}); embedded only.")
    String client;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Dataset name in the catalog (default: the database's name); embedded only.")
    String dataset;

    @Option(names = "--json", description = "Print JSON: {backupId, kind, dataset, sha256, databaseBytes,"
            + " archiveBytes, seconds, mode (embedded or server)}.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProgressPrinter progress = new ProgressPrinter(json ? null : spec.commandLine().getErr(), "backup h2: ");
        BackupOutcome outcome = login.embedded() ? embedded(progress) : new RemoteBackupCall(login).run(progress);
        if (json) {
            out.println(Json.pretty(outcome.json()));
        } else {
            out.printf(Locale.ROOT, "backup %d of h2 dataset %s is stored and listed good: %s of database in a %s"
                            + " archive, %.2f s (%.0f MB/s), sha256 %s%n", outcome.backupId(), outcome.dataset(),
                    Bytes.format(outcome.databaseBytes()), Bytes.format(outcome.archiveBytes()), outcome.seconds(),
                    outcome.databaseBytes() / 1e6 / Math.max(outcome.seconds(), 1e-6), outcome.sha256());
        }
        out.flush();
        return 0;
    }

    private BackupOutcome embedded(ProgressPrinter progress) {
        PluginConfig config = DeploymentPlugin.of(homeOption.home()).config(client, dataset);
        try (Connection conn = login.connect()) {
            LocalDatabase db = LocalDatabase.of(conn);
            long[] total = {db.size()};
            try (JobLog log = TableJobLog.open(db)) {
                StreamingBackup.Result r = new StreamingBackup(config).run(db, new Progress() {
                    @Override
                    public void update(long read, long sent) {
                        progress.update(read, total[0], Bytes.format(sent) + " sent");
                    }

                    @Override
                    public void copying(long bytes) {
                        total[0] = bytes;
                    }
                }, log);
                return new BackupOutcome(r.backupId(), r.dataset(), r.sha256(), r.databaseBytes(), r.archiveBytes(),
                        r.seconds(), "embedded");
            }
        } catch (SQLException e) {
            throw CommandFailure.failed("the backup of " + login.url() + " failed: " + e.getMessage(), e);
        }
    }
}
