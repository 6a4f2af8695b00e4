-- OpState schema for PostgreSQL, version 1: the same tables, columns and indexes as SQLite's V1.
-- Times: timestamptz (microseconds). JSON: jsonb (stored parsed: keys may come back reordered,
-- whitespace dropped). Ids, names and other keys: text COLLATE "C", so that keyset paging orders
-- them by code point as every backend does. Statuses: lower-case labels.

CREATE TABLE jobs (
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
CREATE INDEX jobs_claim ON jobs (status, priority DESC, created_at, id);
CREATE INDEX jobs_claim_type ON jobs (status, type, priority DESC, created_at, id);
-- list, unfiltered and by status or type, in (created_at, id) order.
CREATE INDEX jobs_created ON jobs (created_at, id);
CREATE INDEX jobs_status_created ON jobs (status, created_at, id);
CREATE INDEX jobs_type_created ON jobs (type, created_at, id);
-- deleteFinishedBefore (retention).
CREATE INDEX jobs_finished ON jobs (status, finished_at);

CREATE TABLE pipelines (
    name        text COLLATE "C" NOT NULL PRIMARY KEY,
    description text,
    config      jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 1
);

CREATE INDEX pipelines_created ON pipelines (created_at, name);

CREATE TABLE schedules (
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
CREATE INDEX schedules_due ON schedules (enabled, next_run_at, id);
CREATE INDEX schedules_created ON schedules (created_at, id);

CREATE TABLE executions (
    id              text COLLATE "C" NOT NULL PRIMARY KEY,
    schedule_id     text COLLATE "C" REFERENCES schedules (id) ON DELETE CASCADE,
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
CREATE INDEX executions_started ON executions (started_at, id);
CREATE INDEX executions_schedule_started ON executions (schedule_id, started_at, id);
CREATE INDEX executions_pipeline_started ON executions (pipeline, started_at, id);
CREATE INDEX executions_status_started ON executions (status, started_at, id);

CREATE TABLE history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event       text COLLATE "C" NOT NULL,
    subject_id  text COLLATE "C",
    metadata    jsonb,
    occurred_at timestamptz NOT NULL
);

-- list, unfiltered and by subject or event, in (occurred_at, id) order.
CREATE INDEX history_occurred ON history (occurred_at, id);
CREATE INDEX history_subject_occurred ON history (subject_id, occurred_at, id);
CREATE INDEX history_event_occurred ON history (event, occurred_at, id);
