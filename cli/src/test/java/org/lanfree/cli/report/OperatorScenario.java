package org.lanfree.cli.report;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.lanfree.media.catalog.BackupKind;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.FileEntry;
import org.lanfree.media.catalog.PolicySpec;

/**
 * The catalog the operator command tests start from. Pool {@code daily} holds LF0001L8 to
 * LF0003L8; policies keep 7 days.
 *
 * <pre>
 * web1:/srv (fs, policy files: any backup every 3 days, a full every 30)
 *   oldFull      40 days ago  LF0001L8   obsolete: before the window, nothing depends on it
 *   full         20 days ago  LF0002L8   kept: the incrementals below depend on it
 *   incremental  10 days ago  LF0002L8   kept: the newest before the window
 *   latest        2 days ago  LF0002L8   inside the window
 * db1:main (pg, policy databases: every day, a full every 7)
 *   dbFull        3 days ago  LF0003L8   inside the window; the dataset is overdue
 *   dbFailed      1 day ago   -          failed
 * app1:app (h2, policy databases)        never backed up
 * </pre>
 */
public final class OperatorScenario {

    /** A name that is not valid UTF-8 (Latin-1 "café"). */
    public static final byte[] LATIN1_NAME = {'/', 's', 'r', 'v', '/', 'c', 'a', 'f', (byte) 0xe9};

    public final SeededDeployment deployment;
    public final SeededDeployment.Seeded oldFull;
    public final SeededDeployment.Seeded full;
    public final SeededDeployment.Seeded incremental;
    public final SeededDeployment.Seeded latest;
    public final SeededDeployment.Seeded dbFull;
    public final long dbFailed;

    private OperatorScenario(String prefix) throws Exception {
        deployment = SeededDeployment.create(prefix, "daily", "LF0001L8", "LF0002L8", "LF0003L8");
        try {
            Catalog c = deployment.catalog();
            c.policies().put(PolicySpec.of("files", "daily", 7).withSchedule(Duration.ofDays(3), Duration.ofDays(30)));
            c.policies().put(PolicySpec.of("databases", "daily", 7).withSchedule(Duration.ofDays(1), Duration.ofDays(7)));
            for (String client : List.of("web1", "db1", "app1")) {
                c.clients().register(client, client + ".example", null);
            }
            long srv = c.datasets().ensure("web1", BackupKind.FS, "/srv", "files").id();
            long main = c.datasets().ensure("db1", BackupKind.PG, "main", "databases").id();
            c.datasets().ensure("app1", BackupKind.H2, "app", "databases");

            oldFull = deployment.at(Duration.ofDays(40)).good(srv, null, "LF0001L8", payload(300_000, 1),
                    List.of(file("/srv/a.txt", 10)));
            full = deployment.at(Duration.ofDays(20)).good(srv, null, "LF0002L8", payload(600_000, 2), List.of(
                    dir("/srv"), file("/srv/a.txt", 10), dir("/srv/docs"), file("/srv/docs/readme", 20),
                    link("/srv/docs/latest", "readme"), new FileEntry(LATIN1_NAME, FileEntry.State.ADDED,
                            FileEntry.Type.FILE, 5, 0644, 0, 0, 1_000_000_000L, 1_000_000_000L, 9, 1, 0, null, null,
                            0L)));
            incremental = deployment.at(Duration.ofDays(10)).good(srv, full.id(), "LF0002L8", payload(100_000, 3),
                    List.of(file("/srv/docs/readme", 30), FileEntry.deleted(bytes("/srv/a.txt"), FileEntry.Type.FILE)));
            latest = deployment.at(Duration.ofDays(2)).good(srv, incremental.id(), "LF0002L8", payload(50_000, 4),
                    List.of(file("/srv/docs/new", 1)));
            dbFull = deployment.at(Duration.ofDays(3)).good(main, null, "LF0003L8", payload(700_000, 5), List.of());
            dbFailed = deployment.at(Duration.ofDays(1)).failed(main);
            deployment.start();
        } catch (Exception | AssertionError e) {
            deployment.close();
            throw e;
        }
    }

    public static OperatorScenario seed(String prefix) throws Exception {
        return new OperatorScenario(prefix);
    }

    private static byte[] payload(int size, int seed) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) seed);
        return b;
    }

    private static byte[] bytes(String path) {
        return path.getBytes(StandardCharsets.UTF_8);
    }

    private static FileEntry file(String path, long size) {
        return new FileEntry(bytes(path), FileEntry.State.ADDED, FileEntry.Type.FILE, size, 0644, 1000, 1000,
                1_700_000_000_000_000_000L, 1_700_000_000_000_000_000L, path.hashCode() & 0xffff, 1, 0, null, null, 0L);
    }

    private static FileEntry dir(String path) {
        return new FileEntry(bytes(path), FileEntry.State.ADDED, FileEntry.Type.DIRECTORY, 0, 0755, 0, 0,
                1_700_000_000_000_000_000L, 1_700_000_000_000_000_000L, path.hashCode() & 0xffff, 2, 0, null, null, 0L);
    }

    private static FileEntry link(String path, String target) {
        return new FileEntry(bytes(path), FileEntry.State.ADDED, FileEntry.Type.SYMLINK, target.length(), 0777, 0, 0,
                1_700_000_000_000_000_000L, 1_700_000_000_000_000_000L, path.hashCode() & 0xffff, 1, 0,
                bytes(target), null, 0L);
    }
}
