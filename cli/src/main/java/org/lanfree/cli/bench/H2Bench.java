package org.lanfree.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lanfree.cli.Daemons;
import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.DownCommand;
import org.lanfree.cli.deploy.Home;
import org.lanfree.cli.deploy.UpCommand;
import org.lanfree.cli.h2.DeploymentPlugin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanfree bench h2}: an H2 database of {@code --size} with a writer committing rows, backed
 * up with {@code CALL LANFREE_BACKUP('full')} (streamed through the array to the VTL of a
 * deployment of its own) and, in the same run, with H2's {@code BACKUP TO} a local ZIP file;
 * interleaved repetitions, medians, and the writer's rate during each against its rate alone.
 */
@Command(name = "h2", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure CALL LANFREE_BACKUP('full') of a live H2 database against H2's own BACKUP TO",
                "a local file, with a writer committing rows throughout (and alone, between the backups)."})
public final class H2Bench implements Callable<Integer> {

    private static final long ALONE_MILLIS = 2_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--size", defaultValue = "512M", description = "database size to build (default ${DEFAULT-VALUE})")
    String sizeText;

    @Option(names = "--repetitions", defaultValue = "3", description = "repetitions of each backup, interleaved (default ${DEFAULT-VALUE})")
    int repetitions;

    @Option(names = "--zip-level", defaultValue = "0", description = "the plugin's zip.level (default ${DEFAULT-VALUE}, as the plugin's; BACKUP TO uses 6)")
    int zipLevel;

    @Option(names = "--dir", description = "folder for the database, the deployment and BACKUP TO's file (default: a new folder under /tmp)")
    Path dir;

    @Option(names = "--json", description = "print one JSON object for scripts")
    boolean json;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        long size = BenchSupport.size("--size", sizeText);
        if (repetitions < 1 || zipLevel < 0 || zipLevel > 9) {
            throw CommandFailure.usage("--repetitions must be at least 1 and --zip-level from 0 to 9");
        }
        out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory(dir == null ? Path.of("/tmp") : dir, "lf-bench-h2-");
        Home home = Home.of(work.resolve("home"));
        try {
            progress("starting a deployment in " + home + " ...");
            quietly(new UpCommand(Daemons.all()), "--home", home.toString());
            String url = "jdbc:h2:" + work.resolve("db/bench");
            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                prepare(c, home, work);
                fill(c, work.resolve("db/bench.mv.db"), size);
                try (RowWriter writer = new RowWriter(url)) {
                    List<Run> lanfree = new ArrayList<>();
                    List<Run> backupTo = new ArrayList<>();
                    for (int i = 1; i <= repetitions; i++) {
                        // the writer alone right before each backup: its rate drifts as the database grows
                        progress("repetition " + i + ": the writer alone ...");
                        double alone = writer.rateOver(ALONE_MILLIS);
                        progress("repetition " + i + ": CALL LANFREE_BACKUP('full') ...");
                        lanfree.add(timed(writer, alone, () -> lanfreeBackup(c)));
                        progress("repetition " + i + ": the writer alone ...");
                        alone = writer.rateOver(ALONE_MILLIS);
                        progress("repetition " + i + ": BACKUP TO ...");
                        Path zip = work.resolve("backup-to.zip");
                        backupTo.add(timed(writer, alone, () -> backupTo(c, zip, work.resolve("db/bench.mv.db"))));
                        Files.deleteIfExists(zip);
                    }
                    report(size, lanfree, backupTo);
                }
            }
        } finally {
            try {
                quietly(new DownCommand(Daemons.all()), "--home", home.toString());
            } finally {
                BenchSupport.deleteTree(work);
            }
        }
        return 0;
    }

    private void prepare(Connection c, Home home, Path work) throws Exception {
        Path conf = Files.writeString(work.resolve("h2-plugin.conf"),
                DeploymentPlugin.of(home).configText("local") + "zip.level = " + zipLevel + "\ndataset = bench\n");
        try (Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM 'classpath:/org/lanfree/h2plugin/install.sql'");
            s.execute("CALL LANFREE_CONFIGURE('" + conf + "')");
            s.execute("CREATE TABLE ORDERS(ID BIGINT PRIMARY KEY, CUSTOMER VARCHAR(40), AMOUNT DECIMAL(12, 2),"
                    + " NOTE VARCHAR(400), PAYLOAD VARBINARY(512))");
        }
    }

    /** Rows of text (compressible) and random bytes (not), as application tables hold, until the file is {@code size}. */
    private void fill(Connection c, Path file, long size) throws SQLException, IOException {
        long next = 1;
        final int batch = 100_000;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ORDERS SELECT X, 'customer ' || MOD(X, 9973),"
                + " X * 1.25, REPEAT('shipped to the usual address; ', 8) || X, SECURE_RAND(256) FROM SYSTEM_RANGE(?, ?)");
             Statement s = c.createStatement()) {
            while (Files.size(file) < size) {
                insert.setLong(1, next);
                insert.setLong(2, next + batch - 1);
                insert.executeUpdate();
                next += batch;
                s.execute("CHECKPOINT");
                progress("building the database: " + Bytes.format(Files.size(file)) + " of " + Bytes.format(size));
            }
        }
    }

    private static long lanfreeBackup(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            long id;
            try (ResultSet rs = s.executeQuery("CALL LANFREE_BACKUP('full')")) {
                rs.next();
                id = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT BYTES_READ FROM LANFREE.JOBS WHERE BACKUP_ID = " + id)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long backupTo(Connection c, Path zip, Path file) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("BACKUP TO '" + zip + "'");
        }
        return Files.size(file); // BACKUP TO reads the file to its end
    }

    private interface Backup {
        long run() throws Exception;
    }

    /**
     * One backup: database bytes read, seconds, the writer's rows per second meanwhile, and its
     * rate alone just before (the pair is compared: the machine's load drifts between rounds).
     */
    private record Run(long bytes, double seconds, double writerRate, double writerAlone) {
        double mbPerSec() {
            return bytes / 1e6 / seconds;
        }

        double writerKept() {
            return writerRate / writerAlone;
        }
    }

    private static Run timed(RowWriter writer, double alone, Backup backup) throws Exception {
        long r0 = writer.rows();
        long t0 = System.nanoTime();
        long bytes = backup.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Run(bytes, seconds, (writer.rows() - r0) / seconds, alone);
    }

    private void report(long size, List<Run> lanfree, List<Run> backupTo) {
        double l = median(lanfree.stream().map(Run::mbPerSec).toList());
        double b = median(backupTo.stream().map(Run::mbPerSec).toList());
        double kl = median(lanfree.stream().map(Run::writerKept).toList());
        double kb = median(backupTo.stream().map(Run::writerKept).toList());
        if (json) {
            ObjectNode root = Json.object();
            root.put("databaseBytes", size).put("zipLevel", zipLevel);
            root.put("lanfreeMbPerSec", Math.round(l)).put("backupToMbPerSec", Math.round(b));
            root.put("ratio", Math.round(l / b * 100) / 100.0);
            root.put("writerKeptDuringLanfree", round2(kl)).put("writerKeptDuringBackupTo", round2(kb));
            ArrayNode reps = root.putArray("repetitions");
            for (int i = 0; i < lanfree.size(); i++) {
                Run a = lanfree.get(i);
                Run z = backupTo.get(i);
                reps.addObject().put("lanfreeBytes", a.bytes()).put("lanfreeSeconds", round3(a.seconds()))
                        .put("writerAloneBeforeLanfree", Math.round(a.writerAlone()))
                        .put("writerDuringLanfree", Math.round(a.writerRate()))
                        .put("backupToBytes", z.bytes()).put("backupToSeconds", round3(z.seconds()))
                        .put("writerAloneBeforeBackupTo", Math.round(z.writerAlone()))
                        .put("writerDuringBackupTo", Math.round(z.writerRate()));
            }
            out.println(Json.pretty(root));
        } else {
            out.printf(Locale.ROOT, "%nrepetition  lanfree MB/s  writer rows/s alone -> during"
                    + "   BACKUP TO MB/s  writer rows/s alone -> during%n");
            for (int i = 0; i < lanfree.size(); i++) {
                Run a = lanfree.get(i);
                Run z = backupTo.get(i);
                out.printf(Locale.ROOT, "%10d  %12.0f  %12.0f -> %6.0f (%3.0f %%)  %14.0f  %12.0f -> %6.0f (%3.0f %%)%n",
                        i + 1, a.mbPerSec(), a.writerAlone(), a.writerRate(), a.writerKept() * 100, z.mbPerSec(),
                        z.writerAlone(), z.writerRate(), z.writerKept() * 100);
            }
            out.printf(Locale.ROOT, "%nmedian: lanfree %.0f MB/s, BACKUP TO %.0f MB/s, ratio %.2f (target >= 1.0)%n",
                    l, b, l / b);
            out.printf(Locale.ROOT, "writer kept %.0f %% of its rate during lanfree (target > 50 %%), %.0f %% during"
                    + " BACKUP TO%n", kl * 100, kb * 100);
        }
        out.flush();
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Runs {@code up} or {@code down}; their output shows only when they fail. */
    private static void quietly(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        StringWriter text = new StringWriter();
        cli.setOut(new PrintWriter(text, true));
        cli.setErr(new PrintWriter(text, true));
        if (cli.execute(args) != 0) {
            throw CommandFailure.failed(cli.getCommandName() + " " + String.join(" ", args) + " failed:\n" + text);
        }
    }

    private void progress(String what) {
        if (!json) {
            out.println(what);
            out.flush();
        }
    }
}
