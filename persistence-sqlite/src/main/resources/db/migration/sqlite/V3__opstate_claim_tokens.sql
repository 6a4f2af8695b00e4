-- A fencing token names one claim of one job. Claims used to count tokens per job (1, 2, ...), so a
-- worker that mixed up job ids could act on another job whose count matched its own. From this
-- version claims draw tokens from one counter of the whole store. SQLite has no sequences: the
-- counter is a one-row table holding the last token handed out, which every claim advances in its
-- own transaction (one writer at a time, so no two claims read the same value). It starts at the
-- largest token the jobs already carry, so each job's next token is larger than its last.
--
-- The column is renamed with its change of meaning: a process of an older release still running
-- against the store then fails on its next job statement (and says the schema is newer) instead of
-- counting tokens per job beside the counter.

ALTER TABLE opstate_jobs RENAME COLUMN fencing_token TO claim_token;

CREATE TABLE opstate_claim_tokens (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    last_token INTEGER NOT NULL CHECK (last_token >= 0)
) STRICT;

INSERT INTO opstate_claim_tokens (id, last_token) SELECT 1, COALESCE(max(claim_token), 0) FROM opstate_jobs;
