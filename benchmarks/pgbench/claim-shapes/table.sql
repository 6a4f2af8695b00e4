-- opstate_jobs as schema version 14 leaves it on PostgreSQL, without its claim and retention indexes
-- (each shape adds its own). Run by benchmarks/claim-shapes.sh with the variable s, the schema.
DROP SCHEMA IF EXISTS :s CASCADE;
CREATE SCHEMA :s;
SET search_path = :s;
CREATE TABLE opstate_jobs (
    id text COLLATE "C" NOT NULL PRIMARY KEY, type text COLLATE "C" NOT NULL,
    status text COLLATE "C" NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled')),
    stage text, progress double precision, bytes_done bigint NOT NULL DEFAULT 0, bytes_total bigint,
    message text, payload jsonb, result jsonb, error text, error_detail text,
    attempts integer NOT NULL DEFAULT 0, max_attempts integer NOT NULL, priority integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, started_at timestamptz, finished_at timestamptz,
    not_before timestamptz NOT NULL, worker_id text COLLATE "C", lease_expires_at timestamptz,
    claim_token bigint NOT NULL DEFAULT 0, version bigint NOT NULL DEFAULT 1, dedup_key text COLLATE "C");
CREATE SEQUENCE opstate_claim_tokens AS bigint MINVALUE 1 CACHE 1 NO CYCLE;
CREATE INDEX opstate_jobs_created ON opstate_jobs (created_at, id);
CREATE INDEX opstate_jobs_status_created ON opstate_jobs (status, created_at, id);
CREATE INDEX opstate_jobs_type_created ON opstate_jobs (type, created_at, id);
CREATE UNIQUE INDEX opstate_jobs_unfinished_dedup_key ON opstate_jobs (dedup_key) WHERE dedup_key IS NOT NULL AND status IN ('queued','running');
