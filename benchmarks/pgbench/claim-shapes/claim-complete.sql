-- One worker step: OpState's batch claim of 8 (JobSql.claimBatch, no types), then one statement
-- completing the 8 (as group commit's multi-row update does), each its own transaction.
WITH c AS (UPDATE opstate_jobs SET status = 'running', attempts = attempts + 1, claim_token = nextval('opstate_claim_tokens'), worker_id = 'w', started_at = now(), lease_expires_at = now() + interval '5 minutes', finished_at = NULL, updated_at = now(), version = version + 1
 FROM (SELECT id AS chosen_id, row_number() OVER (ORDER BY priority DESC, created_at, id) AS claim_rank FROM opstate_jobs WHERE id IN (
   SELECT id FROM (SELECT id FROM opstate_jobs WHERE status = 'queued' AND not_before <= now() ORDER BY priority DESC, created_at, id LIMIT 8 FOR UPDATE SKIP LOCKED) c0
   UNION ALL SELECT id FROM (SELECT id FROM opstate_jobs WHERE status = 'running' AND lease_expires_at <= now() AND attempts < max_attempts ORDER BY priority DESC, created_at, id LIMIT 8 FOR UPDATE SKIP LOCKED) c1)
  ORDER BY priority DESC, created_at, id LIMIT 8) chosen WHERE opstate_jobs.id = chosen.chosen_id RETURNING id, claim_token)
SELECT coalesce(array_agg(id),'{}')::text AS ids, coalesce(array_agg(claim_token),'{}')::text AS toks FROM c \gset
UPDATE opstate_jobs SET status = 'succeeded', result = '{"ok": true}'::jsonb, progress = 1.0, bytes_done = COALESCE(bytes_total, bytes_done), finished_at = now(), lease_expires_at = NULL, updated_at = now(), version = version + 1
 FROM unnest(:ids::text[], :toks::bigint[]) v(vid, vtok) WHERE id = vid AND status = 'running' AND claim_token = vtok;
