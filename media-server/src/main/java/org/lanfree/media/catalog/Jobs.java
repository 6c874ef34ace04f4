package org.lanfree.media.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job queue shared by every media server of a catalog. A server claims the next queued job
 * with {@code SELECT ... FOR UPDATE SKIP LOCKED}: rows another server is claiming are skipped,
 * never waited for, so no job is claimed twice and adding a server adds throughput.
 */
public final class Jobs {

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    private static final Set<JobState> ACTIVE = EnumSet.of(JobState.RUNNING, JobState.WAITING);

    private final Db db;
    private final Clock clock;

    Jobs(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Queues a job; a job on a dataset also records the dataset's client. */
    public Job create(JobSpec spec) {
        return db.tx(h -> {
            Long clientId = spec.clientId();
            if (spec.datasetId() != null) {
                Dataset d = Datasets.byId(h, spec.datasetId()).orElseThrow(() -> CatalogException.refused(
                        "job on dataset " + spec.datasetId() + ": no such dataset"));
                clientId = d.clientId();
            }
            long id = h.createUpdate("INSERT INTO jobs (kind, state, client_id, dataset_id, level, priority, requested_by,"
                            + " params, queued_at) VALUES (:kind, 'queued', :client, :dataset, :level, :priority, :by, :params, :now)")
                    .bind("kind", spec.kind().code()).bind("client", clientId).bind("dataset", spec.datasetId())
                    .bind("level", Codes.of(spec.level())).bind("priority", spec.priority()).bind("by", spec.requestedBy())
                    .bind("params", spec.params()).bind("now", Rows.at(clock.instant()))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return byId(h, id).orElseThrow();
        });
    }

    public Optional<Job> get(long id) {
        return db.read(h -> byId(h, id));
    }

    public Job require(long id) {
        return get(id).orElseThrow(() -> CatalogException.refused("job " + id + " does not exist"));
    }

    /** Claims the oldest of the highest-priority queued jobs for {@code server}; empty when none is free. */
    public Optional<Job> claimNext(String server) {
        return claimNext(server, EnumSet.allOf(JobKind.class));
    }

    /** As {@link #claimNext(String)}, among jobs of the given kinds only. */
    /**
     * A job that starts at once, claimed by {@code server}: work a client asked for directly (an
     * agent's backup session), so that the server's restart ({@link #abandon}) fails it if it
     * was cut short, and {@code list jobs} shows it while it runs.
     */
    public Job startClaimed(JobSpec spec, String server) {
        Names.require("media server name", server, Names.NAME);
        Job queued = create(spec);
        return db.tx(h -> {
            h.createUpdate("UPDATE jobs SET state = 'running', claimed_by = :server, claimed_at = :now WHERE id = :id")
                    .bind("server", server).bind("now", Rows.at(clock.instant())).bind("id", queued.id()).execute();
            return byId(h, queued.id()).orElseThrow();
        });
    }

    public Optional<Job> claimNext(String server, Set<JobKind> kinds) {
        Names.require("media server name", server, Names.NAME);
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        return db.tx(h -> {
            Optional<Long> id = h.createQuery("SELECT id FROM jobs WHERE state = 'queued' AND kind IN (<kinds>)"
                            + " ORDER BY priority DESC, id FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED")
                    .bindList("kinds", kinds.stream().map(JobKind::code).toList())
                    .mapTo(Long.class).findOne();
            if (id.isEmpty()) {
                return Optional.<Job>empty();
            }
            h.createUpdate("UPDATE jobs SET state = 'running', claimed_by = :server, claimed_at = :now WHERE id = :id")
                    .bind("server", server).bind("now", Rows.at(clock.instant())).bind("id", id.get()).execute();
            LOG.debug("jobs: {} claimed job {}", server, id.get());
            return byId(h, id.get());
        });
    }

    /** Records how far a running job has come. */
    /** A running job's bytes so far, leaving its file count as it is (a file-tree backup counts both apart). */
    public void bytesDone(long id, long bytesDone) {
        change(id, ACTIVE, "UPDATE jobs SET bytes_done = :bytes WHERE id = :id AND state IN ('running', 'waiting')",
                u -> u.bind("bytes", bytesDone));
    }

    /** A running job's file count so far, leaving its byte counts as they are (a file-tree backup counts both apart). */
    public void filesDone(long id, long filesDone) {
        change(id, ACTIVE, "UPDATE jobs SET files_done = :files WHERE id = :id AND state IN ('running', 'waiting')",
                u -> u.bind("files", filesDone));
    }

    public void progress(long id, long bytesDone, Long bytesTotal, long filesDone) {
        change(id, ACTIVE, "UPDATE jobs SET bytes_done = :bytes, bytes_total = :total, files_done = :files"
                + " WHERE id = :id AND state IN ('running', 'waiting')", u -> u
                .bind("bytes", bytesDone).bind("total", bytesTotal).bind("files", filesDone));
    }

    /** The job waits for a cartridge: {@code request} says which (e.g. "a scratch cartridge for pool daily"). */
    public void requestMount(long id, String request) {
        if (request == null || request.isBlank() || request.length() > 400) {
            throw CatalogException.refused("job " + id + ": mount request '" + request + "' is empty or over 400 characters");
        }
        change(id, ACTIVE, "UPDATE jobs SET state = 'waiting', mount_request = :request, mount_requested_at = :now"
                + " WHERE id = :id AND state IN ('running', 'waiting')", u -> u
                .bind("request", request).bind("now", Rows.at(clock.instant())));
    }

    /** The awaited cartridge arrived: the job runs again and its mount request is cleared. */
    public void mountSatisfied(long id) {
        change(id, EnumSet.of(JobState.WAITING), "UPDATE jobs SET state = 'running', mount_request = NULL,"
                + " mount_requested_at = NULL WHERE id = :id AND state = 'waiting'", u -> u);
    }

    /** Links the backup a backup job writes. */
    public void attachBackup(long id, long backupId) {
        change(id, ACTIVE, "UPDATE jobs SET backup_id = :backup WHERE id = :id AND state IN ('running', 'waiting')",
                u -> u.bind("backup", backupId));
    }

    /** Ends a queued, running or waiting job as done, failed or cancelled; {@code error} says why it did not succeed. */
    public Job finish(long id, JobState end, String error) {
        if (end == null || !end.isEnd()) {
            throw CatalogException.refused("job " + id + ": cannot finish as " + end + ", expected done, failed or cancelled");
        }
        change(id, EnumSet.of(JobState.QUEUED, JobState.RUNNING, JobState.WAITING), "UPDATE jobs SET state = :state,"
                + " ended_at = :now, error = :error, mount_request = NULL, mount_requested_at = NULL"
                + " WHERE id = :id AND state IN ('queued', 'running', 'waiting')", u -> u
                .bind("state", end.code()).bind("now", Rows.at(clock.instant())).bind("error", truncate(error)));
        return require(id);
    }

    /** Jobs in the given states, oldest first; all jobs when {@code states} is empty. */
    public List<Job> list(Set<JobState> states) {
        return db.read(h -> {
            Query q = h.createQuery("SELECT " + Job.COLUMNS + " FROM jobs"
                    + (states.isEmpty() ? "" : " WHERE state IN (<states>)") + " ORDER BY id");
            if (!states.isEmpty()) {
                q.bindList("states", states.stream().map(JobState::code).toList());
            }
            return q.map((rs, ctx) -> Job.read(rs)).list();
        });
    }

    /**
     * After {@code server} restarted: its running and waiting jobs fail with {@code reason}, and so
     * do the running backups they were writing, so a backup cut short is never listed as good.
     */
    public List<Long> abandon(String server, String reason) {
        return db.tx(h -> {
            List<Long> ids = h.createQuery("SELECT id FROM jobs WHERE claimed_by = :server AND state IN ('running', 'waiting')"
                    + " ORDER BY id FOR UPDATE").bind("server", server).mapTo(Long.class).list();
            Instant now = clock.instant();
            for (long id : ids) {
                h.createUpdate("UPDATE backups SET status = 'failed', ended_at = :now, note = :reason"
                                + " WHERE status = 'running' AND (job_id = :id OR id = (SELECT backup_id FROM jobs WHERE id = :id))")
                        .bind("now", Rows.at(now)).bind("reason", truncate(reason)).bind("id", id).execute();
                h.createUpdate("UPDATE jobs SET state = 'failed', ended_at = :now, error = :reason, mount_request = NULL,"
                                + " mount_requested_at = NULL WHERE id = :id")
                        .bind("now", Rows.at(now)).bind("reason", truncate(reason)).bind("id", id).execute();
            }
            if (!ids.isEmpty()) {
                LOG.info("jobs: {} abandoned jobs {} ({})", server, ids, reason);
            }
            return ids;
        });
    }

    private void change(long id, Set<JobState> allowed, String sql, UnaryOperator<Update> binder) {
        db.use(h -> {
            int n = binder.apply(h.createUpdate(sql).bind("id", id)).execute();
            if (n == 0) {
                Job job = byId(h, id).orElseThrow(() -> CatalogException.refused("job " + id + " does not exist"));
                throw CatalogException.refused("job " + id + " is " + job.state().code() + ", expected one of "
                        + allowed.stream().map(JobState::code).toList() + "; HINT: it may have been finished or abandoned");
            }
        });
    }

    static String truncate(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
    }

    private static Optional<Job> byId(Handle h, long id) {
        return h.createQuery("SELECT " + Job.COLUMNS + " FROM jobs WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> Job.read(rs)).findOne();
    }
}
