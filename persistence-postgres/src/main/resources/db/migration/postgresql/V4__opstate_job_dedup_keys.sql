-- A job may carry a dedup key ("is this model already being pulled?"): at most one unfinished
-- (queued or running) job holds a given key. The partial unique index enforces it in the database,
-- so two processes creating a job with one key at the same moment cannot both succeed; a finished
-- job keeps its key for reference but no longer holds it. Jobs without a key stay out of the index.
-- Existing jobs get no key, so nothing already stored can collide. Adding a nullable column without
-- a default rewrites no row.

ALTER TABLE opstate_jobs ADD COLUMN dedup_key text COLLATE "C";

-- create (ON CONFLICT DO NOTHING names this index), retry, and findUnfinishedByDedupKey.
CREATE UNIQUE INDEX opstate_jobs_unfinished_dedup_key ON opstate_jobs (dedup_key)
    WHERE dedup_key IS NOT NULL AND status IN ('queued', 'running');
