-- Following the history log in commit-safe order (issue 19). PostgreSQL records each event's
-- transaction for it (its V13), because its ids are drawn at insert and can commit out of order.
-- SQLite has one writer at a time: ids are drawn inside the write transaction that commits them,
-- so id order is commit order and a follower pages by id alone. Nothing to change here; the
-- version exists so that both dialects ship the same versions.
SELECT 1;
