package org.lanfree.cli.pg;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.db.pg.agent.StoreBaseBackup;
import org.lanfree.db.pg.jobs.ArrayMediaTarget;
import org.lanfree.db.pg.jobs.BackupJobRunner;
import org.lanfree.db.pg.jobs.DbAgentConfig;
import org.lanfree.db.pg.jobs.PgUrl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree backup pg --pgurl URL}: a full base backup of a cluster now, from this host. */
@Command(name = "pg", mixinStandardHelpOptions = true, description = {
        "Take a full physical backup of a PostgreSQL cluster now: BASE_BACKUP with its WAL, streamed through the"
                + " array to the media server's tapes, as the db-agent does for SELECT lanfree.backup().",
        "Runs on this host with the db-agent's settings (db-agent.conf in the home); shows progress on stderr.",
        "Exit 0 when the backup is stored, 1 when it failed."})
public final class BackupPgCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--pgurl", required = true, paramLabel = "URL",
            description = "postgresql://USER[:PASSWORD]@HOST[:PORT][/DATABASE]; the role needs REPLICATION.")
    String pgurl;

    @Option(names = "--json", description = "Print JSON: {backupId, dataset, bytes, sha256, startLsn, endLsn,"
            + " timeline, serverVersion}.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PgUrl url = DbAgentCommand.parse(pgurl);
        DbAgentConfig config = DbAgentDaemon.read(homeOption.home().file(DbAgentDaemon.CONFIG_FILE));
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        StoreBaseBackup.Stored stored;
        try (ArrayMediaTarget media = ArrayMediaTarget.attach(config)) {
            ProgressLine line = new ProgressLine(json ? null : err);
            stored = new BackupJobRunner(url, media, config.clientName(), config.maxRateKb())
                    .store("lanfree backup pg", line);
            line.end();
        } catch (Exception e) {
            throw CommandFailure.failed("backup of " + url + " failed: " + e.getMessage(), e);
        }
        var b = stored.backup();
        if (json) {
            out.println(Json.pretty(Json.object().put("backupId", stored.backupId()).put("dataset", url.dataset())
                    .put("bytes", b.tarBytes()).put("sha256", stored.sha256()).put("startLsn", b.startLsn().toString())
                    .put("endLsn", b.endLsn().toString()).put("timeline", b.timeline())
                    .put("serverVersion", b.serverVersion())));
        } else {
            out.println("backup " + stored.backupId() + " of " + url + " is stored: " + Bytes.format(b.tarBytes())
                    + ", WAL " + b.startLsn() + " .. " + b.endLsn() + " on timeline " + b.timeline());
        }
        return 0;
    }
}
