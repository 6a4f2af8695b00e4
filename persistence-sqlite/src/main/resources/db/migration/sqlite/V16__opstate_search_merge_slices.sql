-- The search index's merging (issue 23). FTS5 merges its segments automatically: after every 64
-- leaf pages written, the insert that wrote the 64th merges 64 pages for each level of the index
-- before its transaction commits. With many writers grouped in one transaction, that one merge
-- held the whole batch up: 64 threads appending transcript entries saw a p99 of about 4 times their
-- mean latency. From this version automatic merging is off, and each transaction that adds words
-- merges a slice in proportion to them (FTS5's 'merge' command, run by OpState after the insert),
-- so the same work is spread over every transaction. crisismerge (a level of 16 segments is merged
-- at once) stays as the backstop, so a process of an earlier version, which does not merge slices,
-- still keeps the index bounded. A setting of the FTS5 table only: no row changes.
INSERT INTO opstate_search_index (opstate_search_index, rank) VALUES ('automerge', 0);
