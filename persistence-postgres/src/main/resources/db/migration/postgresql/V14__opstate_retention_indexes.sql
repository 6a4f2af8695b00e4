-- Retention (issue 20): indexes for the rules no index served yet. New indexes only: no row changes.

-- finished sessions that ended before a cutoff.
CREATE INDEX opstate_sessions_ended ON opstate_sessions (ended_at, id);

-- constructs of some statuses not changed since a cutoff.
CREATE INDEX opstate_constructs_status_updated ON opstate_constructs (status, updated_at, id);

-- artifacts put before a cutoff, and the oldest artifacts of the store for a quota.
CREATE INDEX opstate_artifacts_created ON opstate_artifacts (created_at, id);
