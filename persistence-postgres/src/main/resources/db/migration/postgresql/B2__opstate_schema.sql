-- OpState schema for PostgreSQL at version 2, for stores created from scratch: Flyway runs this
-- baseline instead of V1 and V2 when our history table holds nothing yet, so a new store never
-- creates an unprefixed table in a database a host shares with us. It must leave exactly what
-- V1 followed by V2 leaves (SchemaEquivalenceTest checks it).

CREATE TABLE opstate_jobs (
    id               text COLLATE "C" NOT NULL PRIMARY KEY,
    type             text COLLATE "C" NOT NULL,
    status           text COLLATE "C" NOT NULL
                     CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    stage            text,
    progress         double precision CHECK (progress IS NULL OR (progress >= 0 AND progress <= 1)),
    bytes_done       bigint  NOT NULL DEFAULT 0 CHECK (bytes_done >= 0),
    bytes_total      bigint  CHECK (bytes_total IS NULL OR bytes_total >= 0),
    message          text,
    payload          jsonb,
    result           jsonb,
    error            text,
    error_detail     text,
    attempts         integer NOT NULL DEFAULT 0,
    max_attempts     integer NOT NULL,
    priority         integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    not_before       timestamptz NOT NULL,
    worker_id        text COLLATE "C",
    lease_expires_at timestamptz,
    fencing_token    bigint  NOT NULL DEFAULT 0,
    version          bigint  NOT NULL DEFAULT 1
);

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
    name        text COLLATE "C" NOT NULL PRIMARY KEY,
    description text,
    config      jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 1
);

CREATE INDEX opstate_pipelines_created ON opstate_pipelines (created_at, name);

CREATE TABLE opstate_schedules (
    id              text COLLATE "C" NOT NULL PRIMARY KEY,
    name            text COLLATE "C" NOT NULL,
    pipeline        text COLLATE "C" NOT NULL,
    cron_expression text        NOT NULL,
    time_zone       text        NOT NULL,
    enabled         boolean     NOT NULL,
    next_run_at     timestamptz,
    last_run_at     timestamptz,
    last_result     text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL DEFAULT 1
);

-- findDue: enabled schedules in (next_run_at, id) order.
CREATE INDEX opstate_schedules_due ON opstate_schedules (enabled, next_run_at, id);
CREATE INDEX opstate_schedules_created ON opstate_schedules (created_at, id);

CREATE TABLE opstate_executions (
    id              text COLLATE "C" NOT NULL PRIMARY KEY,
    schedule_id     text COLLATE "C" REFERENCES opstate_schedules (id) ON DELETE CASCADE,
    job_id          text COLLATE "C",
    pipeline        text COLLATE "C" NOT NULL,
    status          text COLLATE "C" NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    started_at      timestamptz NOT NULL,
    ended_at        timestamptz,
    duration_millis bigint,
    error           text,
    context         jsonb,
    steps           jsonb,
    triggered_by    text COLLATE "C" NOT NULL,
    version         bigint      NOT NULL DEFAULT 1
);

-- list, unfiltered and by schedule, pipeline or status, in (started_at, id) order;
-- the schedule index also serves the ON DELETE CASCADE from schedules.
CREATE INDEX opstate_executions_started ON opstate_executions (started_at, id);
CREATE INDEX opstate_executions_schedule_started ON opstate_executions (schedule_id, started_at, id);
CREATE INDEX opstate_executions_pipeline_started ON opstate_executions (pipeline, started_at, id);
CREATE INDEX opstate_executions_status_started ON opstate_executions (status, started_at, id);

CREATE TABLE opstate_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event       text COLLATE "C" NOT NULL,
    subject_id  text COLLATE "C",
    metadata    jsonb,
    occurred_at timestamptz NOT NULL
);

-- list, unfiltered and by subject or event, in (occurred_at, id) order.
CREATE INDEX opstate_history_occurred ON opstate_history (occurred_at, id);
CREATE INDEX opstate_history_subject_occurred ON opstate_history (subject_id, occurred_at, id);
CREATE INDEX opstate_history_event_occurred ON opstate_history (event, occurred_at, id);
