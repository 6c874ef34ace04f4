package org.lanfree.db.pg.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.lanfree.connect.daemon.StopSignals;
import org.lanfree.db.pg.archive.WalArchiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The db-agent daemon: attached to the array, per cluster of the clusters file one
 * {@link ClusterWatcher} thread (backups requested from SQL) and one {@link WalArchiver} thread
 * (continuous WAL to the media server's staging pool). The file is read again every second, so a cluster added by
 * {@code db-agent add} is watched at once and, being in the file, after a restart too.
 */
public final class DbAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DbAgent.class);

    private final DbAgentConfig config;
    private final ArrayMediaTarget media;
    private final Map<String, ClusterWatcher> watchers = new LinkedHashMap<>();
    private final Map<String, WalArchiver> archivers = new LinkedHashMap<>();
    private final java.util.Set<String> warned = new java.util.HashSet<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private DbAgent(DbAgentConfig config, ArrayMediaTarget media) {
        this.config = config;
        this.media = media;
    }

    /** Runs until SIGTERM or SIGINT; returns the exit code (1 when it cannot start). */
    public static int runForeground(Path configFile) {
        DbAgentConfig config = DbAgentConfig.read(configFile);
        DbAgent agent;
        try {
            agent = new DbAgent(config, ArrayMediaTarget.attach(config));
        } catch (IOException e) {
            LOG.error("db-agent cannot start: {}", e.getMessage());
            return 1;
        }
        StopSignals.onTermOrInt("db-agent", agent::stop);
        try (agent) {
            agent.serve();
        }
        return 0;
    }

    private void serve() {
        try {
            refresh();
            Files.createDirectories(config.readyFile().getParent());
            Files.writeString(config.readyFile(), Long.toString(ProcessHandle.current().pid()));
            LOG.info("db-agent {}: ready, media server {}:{}, clusters from {}", config.clientName(),
                    config.mediaHost(), config.mediaPort(), config.clustersFile());
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                refresh();
            }
        } catch (IOException e) {
            LOG.error("db-agent: cannot write {}: {}", config.readyFile(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a watcher for each cluster not watched yet; a bad line is logged once and skipped. */
    private void refresh() {
        try {
            for (PgUrl cluster : config.clusters()) {
                watchers.computeIfAbsent(cluster.text(), k -> {
                    ClusterWatcher w = new ClusterWatcher(cluster, new BackupJobRunner(cluster, media,
                            config.clientName(), config.maxRateKb()));
                    Thread.ofPlatform().name("watch-" + cluster.dataset()).start(w);
                    WalArchiver a = new WalArchiver(cluster, media);
                    Thread.ofPlatform().name("archive-" + cluster.dataset()).start(a);
                    archivers.put(cluster.text(), a);
                    LOG.info("db-agent: watching {} and archiving its WAL", cluster);
                    return w;
                });
            }
        } catch (IllegalArgumentException e) {
            if (warned.add(e.getMessage())) {
                LOG.warn("db-agent: {} in {}; no new cluster is watched until it is fixed", e.getMessage(), config.clustersFile());
            }
        }
    }

    public void stop() {
        stopped.countDown();
    }

    @Override
    public void close() {
        watchers.values().forEach(ClusterWatcher::stop);
        archivers.values().forEach(WalArchiver::stop);
        try {
            Files.deleteIfExists(config.readyFile());
            media.close();
        } catch (IOException e) {
            LOG.warn("db-agent: {}", e.getMessage());
        }
        LOG.info("db-agent stopped");
    }
}
