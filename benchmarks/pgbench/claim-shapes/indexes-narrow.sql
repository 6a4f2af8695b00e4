-- Shape narrow: claimable jobs also in a narrow table a claim deletes from; opstate_jobs keeps an
-- index of running jobs in claim order (lapsed leases) and the retention index over finished jobs.
SET search_path = :s;
CREATE INDEX opstate_jobs_lapsing ON opstate_jobs (priority DESC, created_at, id) WHERE status = 'running';
CREATE INDEX opstate_jobs_finished ON opstate_jobs (status, finished_at) WHERE finished_at IS NOT NULL;
CREATE TABLE opstate_job_queue (id text COLLATE "C" PRIMARY KEY, type text COLLATE "C" NOT NULL, priority integer NOT NULL, created_at timestamptz NOT NULL, not_before timestamptz NOT NULL)
  WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);
CREATE INDEX opstate_job_queue_claim ON opstate_job_queue (priority DESC, created_at, id);
CREATE INDEX opstate_job_queue_claim_type ON opstate_job_queue (type, priority DESC, created_at, id);
