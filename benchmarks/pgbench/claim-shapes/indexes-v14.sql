-- Shape v14: the indexes of schema version 14 (every job in the claim and retention indexes).
SET search_path = :s;
CREATE INDEX opstate_jobs_claim ON opstate_jobs (status, priority DESC, created_at, id);
CREATE INDEX opstate_jobs_claim_type ON opstate_jobs (status, type, priority DESC, created_at, id);
CREATE INDEX opstate_jobs_finished ON opstate_jobs (status, finished_at);
