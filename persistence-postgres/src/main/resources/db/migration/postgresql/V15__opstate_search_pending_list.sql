-- The search index's pending list (issue 23). A GIN index gathers new entries in a pending list and
-- merges them into the index when the list passes gin_pending_list_limit (4 MB by default), inside
-- the insert that passes it. With many writers, that one transcript append held up its whole
-- group-committed batch for tens of milliseconds: 64 threads appending saw a p99 of 3.6-4.0 times
-- their mean latency. A 256 kB list is merged sixteen times as often, each merge a sixteenth as long:
-- p99 2.0-2.2 times the mean, the mean unchanged (docs/benchmarks.md). Searches read the pending
-- list entry by entry too, so a shorter one serves them as well. A storage parameter only: no row
-- changes, and a process of an earlier version still running keeps working.
ALTER INDEX opstate_search_documents_words SET (gin_pending_list_limit = 256);
