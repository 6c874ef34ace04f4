package org.lanfree.fs.mount;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole mounted view, {@code /CLIENT/BACKUP/TREE}, resolved path by path. The list of
 * backups is asked again when it is older than {@code refresh} (new backups appear); a backup's
 * tree never changes, so it is loaded once, in one query, and kept (the most recent
 * {@code MAX_TREES}).
 */
public final class MountedView {

    /** The name of the link to a client's newest good backup. */
    public static final String LATEST = "latest";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MountedView.class);

    private static final int MAX_TREES = 16;

    private final CatalogView catalog;
    private final Clock clock;
    private final Duration refresh;
    private final Map<Long, Node> trees = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Node> eldest) {
            return size() > MAX_TREES;
        }
    };
    private Node root;
    private Map<String, BackupInfo> backupsByFolder = Map.of();
    private Instant loadedAt = Instant.MIN;

    public MountedView(CatalogView catalog, Clock clock, Duration refresh) {
        this.catalog = catalog;
        this.clock = clock;
        this.refresh = refresh;
    }

    /**
     * The node at {@code path} ({@code /} separated, as FUSE gives it), or null when there is none.
     *
     * @throws SQLException when the catalog does not answer
     */
    public Node resolve(String path) throws SQLException {
        List<String> parts = split(path);
        Node node = root();
        for (int i = 0; i < parts.size(); i++) {
            if (node == null || !node.isDirectory()) {
                return null;
            }
            if (i == 1) {
                node = backupRoot(parts.get(0), parts.get(1), node);
            } else {
                node = node.children().get(parts.get(i));
            }
        }
        return node;
    }

    /** The children of a folder; for a backup folder, its tree's top level, loaded on first use. */
    public Map<String, Node> list(String path) throws SQLException {
        Node node = resolve(path);
        return node == null ? null : node.children();
    }

    private Node backupRoot(String client, String folder, Node clientNode) throws SQLException {
        Node placeholder = clientNode.children().get(folder);
        if (placeholder == null || placeholder.type() != 'd') {
            return placeholder;
        }
        BackupInfo backup;
        synchronized (this) {
            backup = backupsByFolder.get(client + "/" + folder);
            if (backup == null) {
                return placeholder;
            }
            Node tree = trees.get(backup.id());
            if (tree != null) {
                return tree;
            }
        }
        long t0 = System.nanoTime();
        List<EntryRow> rows = catalog.chain(backup.id());
        long t1 = System.nanoTime();
        Node tree = ChainTree.build(folder, placeholder.mtimeNs(), rows);
        LOG.info("mount: backup {}: {} catalog rows read in {} ms, tree built in {} ms", backup.id(), rows.size(),
                (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        synchronized (this) {
            trees.put(backup.id(), tree);
        }
        return tree;
    }

    private synchronized Node root() throws SQLException {
        Instant now = clock.instant();
        if (root != null && Duration.between(loadedAt, now).compareTo(refresh) < 0) {
            return root;
        }
        Map<String, List<BackupInfo>> byClient = new TreeMap<>();
        for (BackupInfo b : catalog.backups()) {
            byClient.computeIfAbsent(b.client(), c -> new ArrayList<>()).add(b);
        }
        Map<String, Node> clients = new TreeMap<>();
        Map<String, BackupInfo> folders = new LinkedHashMap<>();
        for (Map.Entry<String, List<BackupInfo>> e : byClient.entrySet()) {
            Map<String, Node> backups = new TreeMap<>();
            BackupInfo latest = null;
            long newest = 0;
            for (BackupInfo b : e.getValue()) {
                long ns = nanos(b.ended());
                newest = Math.max(newest, ns);
                backups.put(b.folderName(), Node.folder(b.folderName(), ns, Map.of()));
                folders.put(e.getKey() + "/" + b.folderName(), b);
                if (b.good() && (latest == null || !b.ended().isBefore(latest.ended()))) {
                    latest = b;
                }
            }
            if (latest != null) {
                backups.put(LATEST, Node.link(LATEST, latest.folderName(), nanos(latest.ended())));
            }
            String client = NameEscape.encode(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            clients.put(client, Node.folder(client, newest, backups));
        }
        root = Node.folder("", nanos(now), clients);
        backupsByFolder = folders;
        loadedAt = now;
        return root;
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }
}
