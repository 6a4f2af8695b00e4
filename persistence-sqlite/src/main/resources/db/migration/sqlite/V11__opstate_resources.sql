-- Resources (issue 19): named records of kinds the host declares. New tables only: no existing
-- row changes. Times, JSON and strictness as in the baseline (B2).
--
-- A kind's allowed statuses and restricted label values are rows, so declaring a kind again
-- only inserts what is missing (it never narrows). A resource's labels are kept twice: as a JSON
-- object in the row, read back with it, and one row per label in opstate_resource_labels,
-- indexed by (kind, label, value), which is what a label filter searches.

CREATE TABLE opstate_resource_kinds (
    name           TEXT NOT NULL PRIMARY KEY,
    initial_status TEXT NOT NULL,
    created_at     TEXT NOT NULL
) STRICT;

CREATE TABLE opstate_resource_kind_statuses (
    kind   TEXT NOT NULL REFERENCES opstate_resource_kinds (name) ON DELETE CASCADE,
    status TEXT NOT NULL,
    PRIMARY KEY (kind, status)
) STRICT;

CREATE TABLE opstate_resource_kind_labels (
    kind  TEXT NOT NULL REFERENCES opstate_resource_kinds (name) ON DELETE CASCADE,
    label TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (kind, label, value)
) STRICT;

-- owner is '' for none, so that (kind, owner, name) is unique for unowned resources too.
CREATE TABLE opstate_resources (
    id            TEXT    NOT NULL PRIMARY KEY,
    kind          TEXT    NOT NULL REFERENCES opstate_resource_kinds (name),
    name          TEXT    NOT NULL,
    owner         TEXT    NOT NULL DEFAULT '',
    spec          TEXT    CHECK (spec IS NULL OR json_valid(spec)),
    status        TEXT    NOT NULL,
    status_detail TEXT    CHECK (status_detail IS NULL OR json_valid(status_detail)),
    labels        TEXT    NOT NULL CHECK (json_valid(labels)),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (kind, owner, name)
) STRICT;

-- list by kind (and status) in (created_at, id) order; countByStatus.
CREATE INDEX opstate_resources_kind_created ON opstate_resources (kind, created_at, id);
CREATE INDEX opstate_resources_kind_status ON opstate_resources (kind, status, created_at, id);

CREATE TABLE opstate_resource_labels (
    resource_id TEXT NOT NULL REFERENCES opstate_resources (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    label       TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (resource_id, label)
) STRICT;

CREATE INDEX opstate_resource_labels_value ON opstate_resource_labels (kind, label, value, resource_id);

-- The change feed: one row per resource write, by position. A writer takes the one row of
-- opstate_resource_feed with a row lock (SQLite: its single writer already serialises) and then
-- the next position after the highest committed one, so positions follow commit order: a
-- follower reading "everything after N" cannot miss a change that commits later with a lower
-- position. The lock row holds no state, so each store keeps its own and copies need not match it.
CREATE TABLE opstate_resource_feed (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1)
) STRICT;
INSERT INTO opstate_resource_feed (id) VALUES (1);

CREATE TABLE opstate_resource_changes (
    position    INTEGER NOT NULL PRIMARY KEY,
    type        TEXT    NOT NULL CHECK (type IN ('CREATED', 'UPDATED', 'DELETED')),
    resource_id TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    owner       TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    changed_at  TEXT    NOT NULL
) STRICT;
