-- Maintenance leases (issue 20): one row per background maintenance task, so that of every
-- process on a store only one runs a task per interval. Kept apart from the job queue: no worker
-- ever claims a maintenance task, and job counts never include one. New table only.
--
-- A process runs a task when it moves next_due_at forward in a guarded UPDATE (next_due_at <= now,
-- and no other holder's lease still running); a concurrent UPDATE waits for the row lock and then
-- finds the task no longer due. leased_until is cleared when the run ends, and bounds how long a
-- crashed holder keeps others from the task.
CREATE TABLE opstate_maintenance_leases (
    task         text COLLATE "C" NOT NULL PRIMARY KEY,
    next_due_at  timestamptz NOT NULL,
    holder       text COLLATE "C",
    started_at   timestamptz,
    leased_until timestamptz
);
