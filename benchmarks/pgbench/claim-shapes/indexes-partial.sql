-- Shape partial: the claim indexes over queued jobs only and the retention index over finished jobs
-- only (status first, as SQLite's planner needs); running jobs' lapsed leases are found through
-- opstate_jobs_status_created, as in version 14.
SET search_path = :s;
CREATE INDEX opstate_jobs_queued ON opstate_jobs (status, priority DESC, created_at, id) WHERE status = 'queued';
CREATE INDEX opstate_jobs_queued_type ON opstate_jobs (status, type, priority DESC, created_at, id) WHERE status = 'queued';
CREATE INDEX opstate_jobs_finished_at ON opstate_jobs (status, finished_at) WHERE status IN ('succeeded', 'failed', 'cancelled');
