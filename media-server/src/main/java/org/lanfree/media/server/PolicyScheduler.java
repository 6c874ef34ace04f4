package org.lanfree.media.server;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.lanfree.media.catalog.BackupKind;
import org.lanfree.media.catalog.BackupLevel;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.CatalogException;
import org.lanfree.media.catalog.Job;
import org.lanfree.media.catalog.JobState;
import org.lanfree.media.catalog.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configuration's file-tree policies: puts each policy in the catalog with a dataset
 * per client and folder, and every {@code schedule.check} starts the backups {@code v_need_backup}
 * says are due (the level it names), one at a time per dataset. A backup that started and
 * failed is tried again after {@link #RETRY}, not at every check; one that could not start
 * (its client's agent not registered yet) is tried at every check.
 */
final class PolicyScheduler implements AutoCloseable {

    static final Duration RETRY = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(PolicyScheduler.class);
    private static final Set<JobState> PENDING = Set.of(JobState.QUEUED, JobState.RUNNING, JobState.WAITING);

    private final Catalog catalog;
    private final List<ServerConfig.TreePolicy> policies;
    private final TreeSessions trees;
    private final Map<Long, Instant> lastStarted = new HashMap<>();
    private final Map<Long, Instant> lastWarned = new HashMap<>();
    private final PeriodicTask task;

    PolicyScheduler(Catalog catalog, List<ServerConfig.TreePolicy> policies, TreeSessions trees, Duration check) {
        this.catalog = catalog;
        this.policies = policies;
        this.trees = trees;
        this.task = new PeriodicTask("policy-scheduler", check, this::check);
    }

    PolicyScheduler start() {
        apply();
        task.start();
        return this;
    }

    /** Puts the policies in the catalog, and a dataset for each registered client's folders. */
    void apply() {
        for (ServerConfig.TreePolicy p : policies) {
            catalog.cartridges().ensurePool(p.spec().pool(), Pool.Kind.TAPE, "tape pool " + p.spec().pool());
            catalog.policies().put(p.spec());
            for (String client : p.clients()) {
                if (catalog.clients().find(client).isEmpty()) {
                    log.warn("policy {}: client {} is not registered; its backups wait until 'lanfree client add {}"
                            + " --host HOST --port PORT'", p.spec().name(), client, client);
                    continue;
                }
                for (String path : p.paths()) {
                    catalog.datasets().ensure(client, BackupKind.FS, path, p.spec().name());
                }
            }
        }
    }

    private void check() {
        try {
            apply();
            startDue();
        } catch (CatalogException | AdminException e) {
            log.warn("schedule: {}", e.getMessage());
        }
    }

    /** Starts each due file-tree backup that has no job pending and did not start within {@link #RETRY}. */
    void startDue() {
        List<Due> due = catalog.jdbi().withHandle(h -> h.createQuery("SELECT dataset_id, client, dataset, level_due,"
                        + " reason FROM v_need_backup WHERE kind = 'fs' ORDER BY dataset_id")
                .map((rs, ctx) -> new Due(rs.getLong("dataset_id"), rs.getString("client"), rs.getString("dataset"),
                        rs.getString("level_due"), rs.getString("reason"))).list());
        if (due.isEmpty()) {
            return;
        }
        Set<Long> busy = new java.util.HashSet<>();
        for (Job j : catalog.jobs().list(PENDING)) {
            if (j.datasetId() != null) {
                busy.add(j.datasetId());
            }
        }
        Instant now = Instant.now();
        for (Due d : due) {
            Instant last = lastStarted.get(d.datasetId());
            if (busy.contains(d.datasetId()) || (last != null && last.plus(RETRY).isAfter(now))) {
                continue;
            }
            try {
                trees.startBackup(d.client(), d.dataset(), BackupLevel.valueOf(d.level().toUpperCase(Locale.ROOT)));
                lastStarted.put(d.datasetId(), now);
                log.info("schedule: started the {} backup of {}:{} ({})", d.level(), d.client(), d.dataset(), d.reason());
            } catch (AdminException | CatalogException e) {
                // Not started (e.g. the client's agent is not registered yet): checked again at the next check,
                // said once per retry interval.
                Instant warned = lastWarned.get(d.datasetId());
                if (warned == null || warned.plus(RETRY).isBefore(now)) {
                    lastWarned.put(d.datasetId(), now);
                    log.warn("schedule: cannot start the backup of {}:{}: {}", d.client(), d.dataset(), e.getMessage());
                }
            }
        }
    }

    private record Due(long datasetId, String client, String dataset, String level, String reason) {
    }

    @Override
    public void close() {
        task.close();
    }
}
