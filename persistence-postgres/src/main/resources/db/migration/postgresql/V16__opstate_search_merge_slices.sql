-- The search index's merging (issue 23): SQLite's FTS5 index merges a slice in each transaction
-- that adds words from this version (its V16). PostgreSQL's GIN index merges its pending list by
-- itself in small steps (V15). Nothing to change here; the version exists so that both dialects
-- ship the same versions.
SELECT 1;
