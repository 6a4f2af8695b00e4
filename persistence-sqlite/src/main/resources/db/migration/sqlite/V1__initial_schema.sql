-- OpState schema for SQLite, version 1.
-- Times: UTC text, fixed width, exactly six fractional digits ('2026-03-01T10:15:30.123456Z'),
-- so text order is time order. JSON: text, checked with json_valid. Statuses: lower-case labels.

CREATE TABLE jobs (
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
CREATE INDEX jobs_claim ON jobs (status, priority DESC, created_at, id);
CREATE INDEX jobs_claim_type ON jobs (status, type, priority DESC, created_at, id);
-- list, unfiltered and by status or type, in (created_at, id) order.
CREATE INDEX jobs_created ON jobs (created_at, id);
CREATE INDEX jobs_status_created ON jobs (status, created_at, id);
CREATE INDEX jobs_type_created ON jobs (type, created_at, id);
-- deleteFinishedBefore (retention).
CREATE INDEX jobs_finished ON jobs (status, finished_at);

CREATE TABLE pipelines (
    name        TEXT    NOT NULL PRIMARY KEY,
    description TEXT,
    config      TEXT    NOT NULL CHECK (json_valid(config)),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX pipelines_created ON pipelines (created_at, name);

CREATE TABLE schedules (
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
CREATE INDEX schedules_due ON schedules (enabled, next_run_at, id);
CREATE INDEX schedules_created ON schedules (created_at, id);

CREATE TABLE executions (
    id              TEXT    NOT NULL PRIMARY KEY,
    schedule_id     TEXT    REFERENCES schedules (id) ON DELETE CASCADE,
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
CREATE INDEX executions_started ON executions (started_at, id);
CREATE INDEX executions_schedule_started ON executions (schedule_id, started_at, id);
CREATE INDEX executions_pipeline_started ON executions (pipeline, started_at, id);
CREATE INDEX executions_status_started ON executions (status, started_at, id);

CREATE TABLE history (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    event       TEXT    NOT NULL,
    subject_id  TEXT,
    metadata    TEXT    CHECK (metadata IS NULL OR json_valid(metadata)),
    occurred_at TEXT    NOT NULL
) STRICT;

-- list, unfiltered and by subject or event, in (occurred_at, id) order.
CREATE INDEX history_occurred ON history (occurred_at, id);
CREATE INDEX history_subject_occurred ON history (subject_id, occurred_at, id);
CREATE INDEX history_event_occurred ON history (event, occurred_at, id);
