-- A fencing token names one claim of one job. Claims used to count tokens per job (1, 2, ...), so a
-- worker that mixed up job ids could act on another job whose count matched its own. From this
-- version claims draw tokens from one sequence of the whole store (nextval in the claim statement).
-- It starts above the largest token the jobs already carry, so each job's next token is larger
-- than its last. CACHE 1 (the default) matters: with a cache per session, a later claim in another
-- session could draw a smaller number.
--
-- The column is renamed with its change of meaning: a process of an older release still running
-- against the store then fails on its next job statement (and says the schema is newer) instead of
-- counting tokens per job beside the sequence.

ALTER TABLE opstate_jobs RENAME COLUMN fencing_token TO claim_token;

CREATE SEQUENCE opstate_claim_tokens AS bigint MINVALUE 1 CACHE 1 NO CYCLE;

SELECT setval('opstate_claim_tokens', max(claim_token)) FROM opstate_jobs HAVING max(claim_token) > 0;
