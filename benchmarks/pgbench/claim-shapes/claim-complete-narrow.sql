-- One worker step of shape narrow: the claim deletes the best 8 from the narrow table and marks them
-- running (the lapsed-lease range of the other shapes, 0.03 ms on the lease index, is left out); then the completion.
WITH q AS (DELETE FROM opstate_job_queue WHERE id IN (SELECT id FROM opstate_job_queue WHERE not_before <= now() ORDER BY priority DESC, created_at, id LIMIT 8 FOR UPDATE SKIP LOCKED) RETURNING id),
c AS (UPDATE opstate_jobs SET status = 'running', attempts = attempts + 1, claim_token = nextval('opstate_claim_tokens'), worker_id = 'w', started_at = now(), lease_expires_at = now() + interval '5 minutes', finished_at = NULL, updated_at = now(), version = version + 1
 FROM q WHERE opstate_jobs.id = q.id RETURNING opstate_jobs.id, claim_token)
SELECT coalesce(array_agg(id),'{}')::text AS ids, coalesce(array_agg(claim_token),'{}')::text AS toks FROM c \gset
UPDATE opstate_jobs SET status = 'succeeded', result = '{"ok": true}'::jsonb, progress = 1.0, bytes_done = COALESCE(bytes_total, bytes_done), finished_at = now(), lease_expires_at = NULL, updated_at = now(), version = version + 1
 FROM unnest(:ids::text[], :toks::bigint[]) v(vid, vtok) WHERE id = vid AND status = 'running' AND claim_token = vtok;
