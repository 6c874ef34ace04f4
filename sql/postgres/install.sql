-- lanfree: backups requested from SQL. Run once per database the db-agent watches, as a
-- superuser (psql -f install.sql); running it again keeps existing jobs.
--
--   SELECT lanfree.backup();          -- queues a full backup, returns its job id at once
--   SELECT * FROM lanfree.jobs;       -- state, progress and outcome, written by the db-agent
--
-- Only members of lanfree_operator may request backups: GRANT lanfree_operator TO alice;

CREATE SCHEMA IF NOT EXISTS lanfree;

DO $$
BEGIN
    CREATE ROLE lanfree_operator NOLOGIN;
EXCEPTION WHEN duplicate_object THEN
    NULL;
END
$$;

-- One row per request. The db-agent claims queued rows (FOR UPDATE SKIP LOCKED), marks them
-- running with its session's pid, updates bytes as it goes and ends them done or failed.
CREATE TABLE IF NOT EXISTS lanfree.jobs (
    job_id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    level        text        NOT NULL,
    state        text        NOT NULL DEFAULT 'queued'
                             CHECK (state IN ('queued', 'running', 'done', 'failed')),
    requested_by name        NOT NULL DEFAULT session_user,
    requested_at timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    ended_at     timestamptz,
    bytes_done   bigint      NOT NULL DEFAULT 0,
    bytes_total  bigint,
    backup_id    bigint,
    error        text,
    agent_pid    integer
);
CREATE INDEX IF NOT EXISTS jobs_queued ON lanfree.jobs (job_id) WHERE state = 'queued';

-- Everyone may call the function, so that a non-member hears why it is refused rather than a
-- bare "permission denied for function".
GRANT USAGE ON SCHEMA lanfree TO PUBLIC;
REVOKE ALL ON lanfree.jobs FROM PUBLIC;
GRANT SELECT ON lanfree.jobs TO lanfree_operator;

CREATE OR REPLACE FUNCTION lanfree.backup(level text DEFAULT 'full') RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    id bigint;
BEGIN
    IF NOT pg_has_role(session_user, 'lanfree_operator', 'MEMBER') THEN
        RAISE EXCEPTION 'role "%" may not request backups: it is not a member of lanfree_operator', session_user
            USING ERRCODE = '42501',
                  HINT = format('an administrator grants it with: GRANT lanfree_operator TO %I;', session_user);
    END IF;
    IF level IS NULL OR level <> 'full' THEN
        RAISE EXCEPTION 'unknown backup level %: expected ''full''', coalesce(quote_literal(level), 'NULL')
            USING ERRCODE = '22023',
                  HINT = 'call lanfree.backup() or lanfree.backup(''full'')';
    END IF;
    INSERT INTO lanfree.jobs (level) VALUES (level) RETURNING job_id INTO id;
    -- Delivered at commit; the db-agent also scans for queued rows whenever it (re)connects.
    PERFORM pg_notify('lanfree_jobs', id::text);
    RETURN id;
END
$$;

REVOKE ALL ON FUNCTION lanfree.backup(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lanfree.backup(text) TO PUBLIC;
