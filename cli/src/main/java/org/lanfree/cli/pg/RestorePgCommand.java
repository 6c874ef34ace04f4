package org.lanfree.cli.pg;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.cli.media.AdminCall;
import org.lanfree.db.pg.jobs.ArrayMediaTarget;
import org.lanfree.db.pg.jobs.DbAgentConfig;
import org.lanfree.db.pg.restore.PgRestore;
import org.lanfree.db.pg.restore.RecoveryTarget;
import org.lanfree.db.pg.wal.Lsn;
import org.lanfree.media.server.AdminClient;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree restore pg --backup ID|latest --pgdata DIR [target]}. */
@Command(name = "pg", mixinStandardHelpOptions = true, description = {
        "Restore a PostgreSQL backup into a new data directory, ready to start: the manifest is checked, the"
                + " archived WAL from the backup's start is staged in --wal-dir (restore_command copies it with cp),"
                + " and recovery stops at the target and promotes.",
        "Start it with: pg_ctl -D DIR start (as its OS user). Exit 0 when restored, 1 when it failed."})
public final class RestorePgCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--backup", required = true, paramLabel = "ID|latest",
            description = "A backup id (lanfree list backups), or latest: the newest good pg backup (of --dataset).")
    String backup;

    @Option(names = "--dataset", paramLabel = "HOST-PORT", description = "With --backup latest: the cluster.")
    String dataset;

    @Option(names = "--pgdata", required = true, paramLabel = "DIR", description = "The new data directory; must be"
            + " absent or empty.")
    Path pgdata;

    @Option(names = "--wal-dir", paramLabel = "DIR", description = "Where the WAL is staged (default: DIR.wal beside"
            + " --pgdata).")
    Path walDir;

    @Option(names = "--os-user", paramLabel = "NAME", description = "The OS user that will run the cluster and own"
            + " the files (default: the user running this command; required as root).")
    String osUser;

    @ArgGroup(exclusive = true)
    Target target;

    static final class Target {
        @Option(names = "--target-time", paramLabel = "T", description = "Stop after the last commit at or before T,"
                + " e.g. '2026-11-25 03:00:00+00'.")
        String time;

        @Option(names = "--target-lsn", paramLabel = "L", description = "Stop at WAL position L, e.g. 0/3000060.")
        String lsn;

        @Option(names = "--target-immediate", description = "Stop as soon as the backup is consistent.")
        boolean immediate;
    }

    @Option(names = "--json", description = "Print JSON: {backupId, dataset, pgdata, walDir, startLsn, timeline,"
            + " walSegmentsStaged, bytes, checks}.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        RecoveryTarget recoveryTarget = recoveryTarget();
        String user = owner();
        long backupId = backupId();
        DbAgentConfig config = DbAgentDaemon.read(homeOption.home().file(DbAgentDaemon.CONFIG_FILE));
        Path data = pgdata.toAbsolutePath().normalize();
        Path wal = walDir != null ? walDir.toAbsolutePath().normalize()
                : data.resolveSibling(data.getFileName() + ".wal");
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        PgRestore.Restored r;
        try (ArrayMediaTarget media = ArrayMediaTarget.attach(config)) {
            ProgressLine line = new ProgressLine(json ? null : err);
            r = new PgRestore(media).run(backupId, data, wal, recoveryTarget, user, line::onProgress);
            line.end();
        } catch (Exception e) {
            throw CommandFailure.failed("restore of backup " + backupId + " into " + data + " failed: "
                    + e.getMessage(), e);
        }
        if (json) {
            var checks = Json.object().arrayNode();
            r.checks().forEach(checks::add);
            var node = Json.object().put("backupId", r.backupId()).put("dataset", r.dataset())
                    .put("pgdata", r.pgdata().toString()).put("walDir", r.walDir().toString())
                    .put("startLsn", r.label().startLsn().toString()).put("timeline", r.label().timeline())
                    .put("walSegmentsStaged", r.walSegmentsStaged()).put("bytes", r.bytes());
            node.set("checks", checks);
            out.println(Json.pretty(node));
        } else {
            out.println("backup " + r.backupId() + " of " + r.dataset() + " restored into " + r.pgdata() + " ("
                    + Bytes.format(r.bytes()) + ", checked: " + String.join(", ", r.checks()) + "); "
                    + r.walSegmentsStaged() + " archived WAL segment(s) staged in " + r.walDir()
                    + ". Start it to recover and promote: pg_ctl -D " + r.pgdata() + " start");
        }
        return 0;
    }

    private RecoveryTarget recoveryTarget() {
        if (target == null || target.immediate) {
            return target == null ? new RecoveryTarget.EndOfWal() : new RecoveryTarget.Immediate();
        }
        if (target.time != null) {
            return new RecoveryTarget.Time(target.time);
        }
        try {
            return new RecoveryTarget.AtLsn(Lsn.valueOf(target.lsn));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("--target-lsn " + target.lsn + " is not an LSN; expected X/X, e.g. 0/3000060");
        }
    }

    /** PostgreSQL refuses to run as root, so root must say who will. */
    private String owner() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (osUser == null && root) {
            throw CommandFailure.usage("--os-user is required as root: PostgreSQL refuses to run as root; name the"
                    + " OS user that will run the restored cluster, e.g. --os-user postgres");
        }
        return osUser;
    }

    private long backupId() {
        if (!backup.equals("latest")) {
            try {
                return Long.parseLong(backup);
            } catch (NumberFormatException e) {
                throw CommandFailure.usage("--backup " + backup + " is neither a backup id nor latest");
            }
        }
        JsonNode list = AdminCall.ask(homeOption.home(), AdminClient.request("list.backups"));
        long newest = -1;
        for (JsonNode b : list.path("backups")) {
            if (b.path("kind").asText().equals("pg") && b.path("status").asText().equals("good")
                    && (dataset == null || b.path("dataset").asText().equals(dataset))) {
                newest = Math.max(newest, b.path("id").asLong());
            }
        }
        if (newest < 0) {
            throw CommandFailure.failed("no good pg backup" + (dataset == null ? "" : " of " + dataset)
                    + " in the catalog; HINT: lanfree list backups");
        }
        return newest;
    }
}
