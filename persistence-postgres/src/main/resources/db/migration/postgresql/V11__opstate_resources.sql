-- Resources (issue 19): named records of kinds the host declares. New tables only: no existing
-- row changes.
--
-- A kind's allowed statuses and restricted label values are rows, so declaring a kind again
-- only inserts what is missing (it never narrows). A resource's labels are kept twice: as a JSON
-- object in the row, read back with it, and one row per label in opstate_resource_labels,
-- indexed by (kind, label, value), which is what a label filter searches.

CREATE TABLE opstate_resource_kinds (
    name           text COLLATE "C" NOT NULL PRIMARY KEY,
    initial_status text COLLATE "C" NOT NULL,
    created_at     timestamptz NOT NULL
);

CREATE TABLE opstate_resource_kind_statuses (
    kind   text COLLATE "C" NOT NULL REFERENCES opstate_resource_kinds (name) ON DELETE CASCADE,
    status text COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, status)
);

CREATE TABLE opstate_resource_kind_labels (
    kind  text COLLATE "C" NOT NULL REFERENCES opstate_resource_kinds (name) ON DELETE CASCADE,
    label text COLLATE "C" NOT NULL,
    value text COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, label, value)
);

-- owner is '' for none, so that (kind, owner, name) is unique for unowned resources too.
CREATE TABLE opstate_resources (
    id            text COLLATE "C" NOT NULL PRIMARY KEY,
    kind          text COLLATE "C" NOT NULL REFERENCES opstate_resource_kinds (name),
    name          text COLLATE "C" NOT NULL,
    owner         text COLLATE "C" NOT NULL DEFAULT '',
    spec          jsonb,
    status        text COLLATE "C" NOT NULL,
    status_detail jsonb,
    labels        jsonb       NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       bigint      NOT NULL DEFAULT 1,
    UNIQUE (kind, owner, name)
);

-- list by kind (and status) in (created_at, id) order; countByStatus.
CREATE INDEX opstate_resources_kind_created ON opstate_resources (kind, created_at, id);
CREATE INDEX opstate_resources_kind_status ON opstate_resources (kind, status, created_at, id);

CREATE TABLE opstate_resource_labels (
    resource_id text COLLATE "C" NOT NULL REFERENCES opstate_resources (id) ON DELETE CASCADE,
    kind        text COLLATE "C" NOT NULL,
    label       text COLLATE "C" NOT NULL,
    value       text COLLATE "C" NOT NULL,
    PRIMARY KEY (resource_id, label)
);

CREATE INDEX opstate_resource_labels_value ON opstate_resource_labels (kind, label, value, resource_id);

-- The change feed: one row per resource write, by position. A sequence would not do: its
-- numbers are drawn at insert, not at commit, so a reader trusting "everything after N" would
-- skip a row committed late by a slower transaction. Instead a writer locks the one row of
-- opstate_resource_feed (FOR UPDATE, held to its commit) and then takes the next position after
-- the highest committed one: positions follow commit order, at the price of resource writes
-- committing one after another. The lock row holds no state, so each store keeps its own and
-- copies need not match it.
CREATE TABLE opstate_resource_feed (
    id integer NOT NULL PRIMARY KEY CHECK (id = 1)
);
INSERT INTO opstate_resource_feed (id) VALUES (1);

CREATE TABLE opstate_resource_changes (
    position    bigint NOT NULL PRIMARY KEY,
    type        text COLLATE "C" NOT NULL CHECK (type IN ('CREATED', 'UPDATED', 'DELETED')),
    resource_id text COLLATE "C" NOT NULL,
    kind        text COLLATE "C" NOT NULL,
    name        text COLLATE "C" NOT NULL,
    owner       text COLLATE "C" NOT NULL,
    version     bigint NOT NULL,
    changed_at  timestamptz NOT NULL
);
