-- Following the history log in commit-safe order (issue 19). An event's id is drawn from the
-- identity sequence at insert, not at commit: a slower transaction can commit id N after a
-- faster one committed N+1, so a reader trusting "every id after the last I read" would skip N.
--
-- Each event now records the transaction that appended it. A follower reads events in
-- (xact_id, id) order and only those whose transaction is older than the oldest transaction
-- still running in its snapshot (pg_snapshot_xmin): every transaction older than that has
-- committed or rolled back, and every event committed from now on has a transaction id at or
-- above it, so it sorts after everything the follower has read. Appending is unchanged: the
-- column's default fills it, no lock and no extra statement.
--
-- Events already stored were committed long ago: they take 0 and come first, in id order.
-- (A constant default first, so adding the column does not rewrite the table.)
ALTER TABLE opstate_history ADD COLUMN xact_id xid8 NOT NULL DEFAULT '0';
ALTER TABLE opstate_history ALTER COLUMN xact_id SET DEFAULT pg_current_xact_id();

-- appendedAfter: keyset on (xact_id, id).
CREATE INDEX opstate_history_follow ON opstate_history (xact_id, id);
