-- :n queued jobs with the benchmarks' payload, in claim order by creation time.
SET search_path = :s;
INSERT INTO opstate_jobs (id, type, status, bytes_done, payload, attempts, max_attempts, priority, created_at, updated_at, not_before, claim_token, version)
SELECT lpad(g::text, 12, '0'), 'bench', 'queued', 0, '{"model":"m","size":1}'::jsonb, 0, 3, 0, now() + g * interval '1 microsecond', now(), now(), 0, 1
FROM generate_series(1, :n) g;
VACUUM ANALYZE opstate_jobs;
