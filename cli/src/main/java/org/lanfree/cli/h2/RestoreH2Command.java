package org.lanfree.cli.h2;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.SocketLayer;
import org.lanfree.connect.session.BackupDownload;
import org.lanfree.connect.session.MediaSession;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.h2plugin.PluginConfig;
import org.lanfree.media.server.ServerConfig;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanfree restore h2}: reads an H2 backup back from the media server through the array,
 * writes its {@code .mv.db} file (to a part file first, renamed once the stream's SHA-256 is
 * checked), then opens it with H2 and reads every row to check it.
 */
@Command(name = "h2", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Restore an H2 backup into a database file that H2 opens, and check it.",
                "--target /data/app writes /data/app.mv.db (open it as jdbc:h2:/data/app).",
                "An existing file is refused unless --force, never replaced while open.",
                "Progress goes to stderr once a second."})
public final class RestoreH2Command implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption homeOption;

    @Option(names = "--backup", required = true, paramLabel = "ID", description = "The backup to restore (lanfree list backups).")
    long backupId;

    @Option(names = "--target", required = true, paramLabel = "PATH", description = "The database path to create.")
    Path target;

    @Option(names = "--force", description = "Replace an existing database file (it must not be open).")
    boolean force;

    @Option(names = "--client", paramLabel = "NAME", defaultValue = PluginConfig.DEFAULT_CLIENT,
            description = "Client name to call the media server as (default ${DEFAULT-VALUE}).")
    String client;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "sa",
            description = "User of the restored database, to check it (default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "That user's password (default: empty).")
    Path passwordFile;

    @Option(names = "--no-check", description = "Do not open the restored database to check it.")
    boolean noCheck;

    @Option(names = "--json", description = "Print JSON: {backupId, dataset, target, file, bytes, archiveBytes,"
            + " sha256, seconds, checked, tables, rows, problems}.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (backupId <= 0) {
            throw CommandFailure.usage("--backup " + backupId + " is not a backup id; see 'lanfree list backups'");
        }
        RestoreTarget where = RestoreTarget.of(target);
        where.checkWritable(force);
        ServerConfig server = DeploymentPlugin.of(homeOption.home()).server();
        ProgressPrinter progress = new ProgressPrinter(json ? null : spec.commandLine().getErr(), "restore h2: ");
        long t0 = System.nanoTime();
        BackupDownload download;
        long bytes;
        Files.deleteIfExists(where.part());
        try (ArrayDriver array = ArrayDriver.attach(server.arrayChannel(), client, server.arraySecret());
             SocketLayer layer = new SocketLayer(array);
             MediaSession session = MediaSession.open(layer, new SockAddr.Net("127.0.0.1", server.agents().port()),
                     client, "127.0.0.1", server.agents().secret())) {
            download = session.restore(backupId, MediaSession.DEFAULT_START_WAIT);
            if (!download.start().kind().equals("h2")) {
                throw CommandFailure.failed("backup " + backupId + " is a " + download.start().kind() + " backup of "
                        + download.start().client() + ":" + download.start().dataset() + "; restore h2 restores"
                        + " H2 backups only");
            }
            long archive = download.start().bytes();
            bytes = ZipRestore.extract(download, backupId, where.part(),
                    written -> progress.update(download.bytes(), archive, Bytes.format(written) + " written"));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(where.part());
            if (e instanceof CommandFailure f) {
                throw f;
            }
            throw CommandFailure.failed("the restore of backup " + backupId + " failed: " + e.getMessage()
                    + "; nothing was written to " + where.file(), e);
        }
        Files.move(where.part(), where.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        RestoredDatabaseCheck.Report check = noCheck ? null : check(where);
        report(download, where, bytes, seconds, check);
        return check == null || check.ok() ? 0 : CommandFailure.FAILED;
    }

    private RestoredDatabaseCheck.Report check(RestoreTarget where) {
        try {
            String password = passwordFile == null ? "" : Files.readString(passwordFile).strip();
            return RestoredDatabaseCheck.run(where, user, password);
        } catch (IOException e) {
            throw CommandFailure.usage("--password-file " + passwordFile + " cannot be read: " + e.getMessage());
        } catch (SQLException e) {
            throw CommandFailure.failed("the restored database " + where.file() + " is written but H2 cannot check it"
                    + " as " + user + ": " + e.getMessage() + ". HINT: give the user and --password-file of that"
                    + " database, or --no-check", e);
        }
    }

    private void report(BackupDownload download, RestoreTarget where, long bytes, double seconds,
                        RestoredDatabaseCheck.Report check) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("backupId", backupId).put("dataset", download.start().dataset()).put("target", where.base().toString())
                    .put("file", where.file().toString()).put("bytes", bytes).put("archiveBytes", download.bytes())
                    .put("sha256", download.start().sha256()).put("seconds", Math.round(seconds * 1000) / 1000.0)
                    .put("checked", check != null);
            if (check != null) {
                o.put("tables", check.tables()).put("rows", check.rows());
                check.problems().forEach(o.putArray("problems")::add);
            }
            out.println(Json.pretty(o));
        } else {
            out.printf(Locale.ROOT, "restored backup %d (h2 dataset %s) to %s: %s in %.2f s, sha256 %s checked%n",
                    backupId, download.start().dataset(), where.file(), Bytes.format(bytes), seconds,
                    download.start().sha256());
            if (check == null) {
                out.println("not opened (--no-check)");
            } else if (check.ok()) {
                out.printf(Locale.ROOT, "H2 opens it: %d tables, %d rows read, its store layout, every page and every LOB checked;"
                        + " open it as %s%n", check.tables(), check.rows(), where.url());
            } else {
                out.println("H2 opens it, but the check found problems:");
                check.problems().forEach(p -> out.println("  " + p));
            }
        }
        out.flush();
    }
}
