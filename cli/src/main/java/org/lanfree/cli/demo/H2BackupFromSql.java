package org.lanfree.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.h2.DeploymentPlugin;
import org.lanfree.cli.h2.RestoreH2Command;

/**
 * An H2 backup called from SQL: the plugin is installed in an H2 database (install.sql), a session
 * keeps committing orders, another runs {@code CALL LANFREE_BACKUP('full')}, and the job shows in
 * {@code LANFREE_JOBS()}; then {@code lanfree restore h2} brings the backup back as a new database
 * that H2 opens and reads through, holding every order committed before the call.
 */
final class H2BackupFromSql implements DemoStep {

    @Override
    public String title() {
        return "An H2 backup called from SQL, and a verified restore";
    }

    @Override
    public void run(DemoContext context) throws Exception {
        Path dir = context.home().file("h2");
        Files.createDirectories(dir);
        Path conf = Files.writeString(dir.resolve("h2-plugin.conf"),
                DeploymentPlugin.of(context.home()).configText("local"));
        String url = "jdbc:h2:" + dir.resolve("shop");
        long before;
        long backupId;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            execute(c, "RUNSCRIPT FROM 'classpath:/org/lanfree/h2plugin/install.sql'");
            execute(c, "CALL LANFREE_CONFIGURE('" + conf + "')");
            execute(c, "CREATE TABLE ORDERS(ID BIGINT PRIMARY KEY, CUSTOMER VARCHAR(40), NOTE VARCHAR(400))");
            execute(c, "INSERT INTO ORDERS SELECT X, 'customer ' || MOD(X, 97), REPEAT('lanfree ', 40)"
                    + " FROM SYSTEM_RANGE(1, 100000)");
            context.say("database " + url + ": install.sql ran (LANFREE_BACKUP, LANFREE_JOBS, LANFREE_CONFIGURE),"
                    + " the plugin reads " + conf + "; 100,000 orders in " + Bytes.format(Files.size(dir.resolve(
                    "shop.mv.db"))));
            try (Writer writer = new Writer(url, 100_001)) {
                before = writer.committed.get();
                long t0 = System.nanoTime();
                backupId = single(c, "CALL LANFREE_BACKUP('full')");
                double seconds = (System.nanoTime() - t0) / 1e9;
                context.say(String.format(java.util.Locale.ROOT, "CALL LANFREE_BACKUP('full') returned backup %d"
                        + " after %.2f s, while another session committed %d more orders", backupId, seconds,
                        writer.committed.get() - before));
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT JOB_ID, STATE, BACKUP_ID,"
                    + " BYTES_READ, BYTES_SENT, PERCENT_DONE FROM LANFREE_JOBS() ORDER BY JOB_ID DESC LIMIT 1")) {
                rs.next();
                context.say("SELECT * FROM LANFREE_JOBS(): job " + rs.getLong(1) + " " + rs.getString(2) + ", backup "
                        + rs.getLong(3) + ", " + Bytes.format(rs.getLong(4)) + " of database read and sent as a "
                        + Bytes.format(rs.getLong(5)) + " ZIP, " + rs.getLong(6) + " % done");
            }
        }
        Path target = dir.resolve("restored/shop");
        Files.createDirectories(target.getParent());
        context.say("lanfree restore h2 --backup " + backupId + " --target " + target);
        context.sayLines(DemoContext.execute(new RestoreH2Command(), "--home", context.home().toString(),
                "--backup", Long.toString(backupId), "--target", target.toString()));
        long restored;
        try (Connection r = DriverManager.getConnection("jdbc:h2:" + target + ";IFEXISTS=TRUE", "sa", "")) {
            restored = single(r, "SELECT COUNT(*) FROM ORDERS WHERE ID <= " + before);
        }
        boolean complete = restored == before;
        context.say("the restored database holds all " + before + " orders committed before the call"
                + (complete ? "" : ": NO, only " + restored));
        context.summary().putObject("h2").put("backupId", backupId).put("ordersBeforeCall", before)
                .put("restoredOrders", restored).put("match", complete);
        if (!complete) {
            throw CommandFailure.failed("the restored H2 database lacks orders committed before the backup");
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Another session committing orders one by one, so the backup is taken of a database at work. */
    private static final class Writer implements AutoCloseable {

        final AtomicLong committed = new AtomicLong();
        private final Thread thread;
        private volatile boolean stop;

        Writer(String url, long first) {
            committed.set(first - 1);
            thread = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, "sa", "");
                     PreparedStatement p = c.prepareStatement("INSERT INTO ORDERS VALUES (?, 'walk-in', 'new')")) {
                    for (long id = first; !stop; id++) {
                        p.setLong(1, id);
                        p.executeUpdate();
                        committed.set(id);
                    }
                } catch (SQLException e) {
                    // the demo's database closes after the backup; the count says what was committed
                }
            }, "demo-h2-writer");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(10_000);
        }
    }
}
