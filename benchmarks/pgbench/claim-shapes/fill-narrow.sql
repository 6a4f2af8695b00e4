-- Shape narrow: the queued jobs into the narrow table.
SET search_path = :s;
INSERT INTO opstate_job_queue SELECT id, type, priority, created_at, not_before FROM opstate_jobs WHERE status = 'queued';
VACUUM ANALYZE opstate_job_queue;
