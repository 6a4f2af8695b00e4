-- The search index's pending list (issue 23): PostgreSQL's GIN index merges its pending list in
-- smaller, more frequent steps from this version (its V15). SQLite's FTS5 index has no pending
-- list. Nothing to change here; the version exists so that both dialects ship the same versions.
SELECT 1;
