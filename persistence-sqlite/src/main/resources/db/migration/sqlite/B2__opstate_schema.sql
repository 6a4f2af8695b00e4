-- OpState schema for SQLite at version 2, for stores created from scratch: Flyway runs this
-- baseline instead of V1 and V2 when our history table holds nothing yet, so a new store never
-- creates an unprefixed table in a database a host shares with us. It must leave exactly what
-- V1 followed by V2 leaves (SchemaEquivalenceTest checks it).
-- Times: UTC text, fixed width, exactly six fractional digits ('2026-03-01T10:15:30.123456Z'),
-- so text order is time order. JSON: text, checked with json_valid. Statuses: lower-case labels.

CREATE TABLE opstate_jobs (
    id               TEXT    NOT NULL PRIMARY KEY,
    type             TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    stage            TEXT,
    progress         REAL    CHECK (progress IS NULL OR (progress >= 0 AND progress <= 1)),
    bytes_done       INTEGER NOT NULL DEFAULT 0 CHECK (bytes_done >= 0),
    bytes_total      INTEGER CHECK (bytes_total IS NULL OR bytes_total >= 0),
    message          TEXT,
    payload          TEXT    CHECK (payload IS NULL OR json_valid(payload)),
    result           TEXT    CHECK (result IS NULL OR json_valid(result)),
    error            TEXT,
    error_detail     TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL,
    priority         INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    started_at       TEXT,
    finished_at      TEXT,
    not_before       TEXT    NOT NULL,
    worker_id        TEXT,
    lease_expires_at TEXT,
    fencing_token    INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 1
) STRICT;

-- claimNext: seek one status (and type, when the worker names types) in claim order.
CREATE INDEX opstate_jobs_claim ON opstate_jobs (status, priority DESC, created_at, id);
CREATE INDEX opstate_jobs_claim_type ON opstate_jobs (status, type, priority DESC, created_at, id);
-- list, unfiltered and by status or type, in (created_at, id) order.
CREATE INDEX opstate_jobs_created ON opstate_jobs (created_at, id);
CREATE INDEX opstate_jobs_status_created ON opstate_jobs (status, created_at, id);
CREATE INDEX opstate_jobs_type_created ON opstate_jobs (type, created_at, id);
-- deleteFinishedBefore (retention).
CREATE INDEX opstate_jobs_finished ON opstate_jobs (status, finished_at);

CREATE TABLE opstate_pipelines (
    name        TEXT    NOT NULL PRIMARY KEY,
    description TEXT,
    config      TEXT    NOT NULL CHECK (json_valid(config)),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX opstate_pipelines_created ON opstate_pipelines (created_at, name);

CREATE TABLE opstate_schedules (
    id              TEXT    NOT NULL PRIMARY KEY,
    name            TEXT    NOT NULL,
    pipeline        TEXT    NOT NULL,
    cron_expression TEXT    NOT NULL,
    time_zone       TEXT    NOT NULL,
    enabled         INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    next_run_at     TEXT,
    last_run_at     TEXT,
    last_result     TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
) STRICT;

-- findDue: enabled schedules in (next_run_at, id) order.
CREATE INDEX opstate_schedules_due ON opstate_schedules (enabled, next_run_at, id);
CREATE INDEX opstate_schedules_created ON opstate_schedules (created_at, id);

CREATE TABLE opstate_executions (
    id              TEXT    NOT NULL PRIMARY KEY,
    schedule_id     TEXT    REFERENCES opstate_schedules (id) ON DELETE CASCADE,
    job_id          TEXT,
    pipeline        TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    started_at      TEXT    NOT NULL,
    ended_at        TEXT,
    duration_millis INTEGER,
    error           TEXT,
    context         TEXT    CHECK (context IS NULL OR json_valid(context)),
    steps           TEXT    CHECK (steps IS NULL OR json_valid(steps)),
    triggered_by    TEXT    NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
) STRICT;

-- list, unfiltered and by schedule, pipeline or status, in (started_at, id) order;
-- the schedule index also serves the ON DELETE CASCADE from schedules.
CREATE INDEX opstate_executions_started ON opstate_executions (started_at, id);
CREATE INDEX opstate_executions_schedule_started ON opstate_executions (schedule_id, started_at, id);
CREATE INDEX opstate_executions_pipeline_started ON opstate_executions (pipeline, started_at, id);
CREATE INDEX opstate_executions_status_started ON opstate_executions (status, started_at, id);

CREATE TABLE opstate_history (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    event       TEXT    NOT NULL,
    subject_id  TEXT,
    metadata    TEXT    CHECK (metadata IS NULL OR json_valid(metadata)),
    occurred_at TEXT    NOT NULL
) STRICT;

-- list, unfiltered and by subject or event, in (occurred_at, id) order.
CREATE INDEX opstate_history_occurred ON opstate_history (occurred_at, id);
CREATE INDEX opstate_history_subject_occurred ON opstate_history (subject_id, occurred_at, id);
CREATE INDEX opstate_history_event_occurred ON opstate_history (event, occurred_at, id);
